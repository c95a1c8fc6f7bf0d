import type { RedisClient } from "@repo/risk-cache";
import {
  type CounterState,
  type LoginCounters,
  type PauseRequest,
  PRUNE_FIELDS_OVER,
  type Refund,
  type Reservation,
  type ReserveResult,
} from "./login-counters.ts";

/*
 * A key is one Redis hash; each field is a counter, stored as "count:windowEndsAt:pausedUntil"
 * (ms). Every script touches that one key only, so it runs on a Redis Cluster as it does on one
 * node, and it is one atomic step: attempts made at once on several instances each see the
 * count the one before left. The rules are those of MemoryLoginCounters (login-counters.ts);
 * the suite runs the same cases on both.
 */

const PARSE = `
local function parse(text)
  local c, e, p = string.match(text or '', '^(%d+):(%d+):(%d+)$')
  if not c then return nil end
  return tonumber(c), tonumber(e), tonumber(p)
end
local function store(field, c, e, p)
  redis.call('HSET', KEYS[1], field, string.format('%d:%d:%d', c, e, p))
end
`;

// ARGV: now, window (ms), keep (ms), prune threshold, then a field and its cap per counter.
// Returns {1, count…} when counted, {0, index (0-based), count, windowEndsAt, pausedUntil}
// when the counter at index is paused or at its cap (then nothing is counted).
const RESERVE = `${PARSE}
local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local states = {}
for i = 5, #ARGV, 2 do
  local field, cap = ARGV[i], tonumber(ARGV[i + 1])
  local c, e, p = parse(redis.call('HGET', KEYS[1], field))
  if not c then
    c, e, p = 0, now + window, 0
    if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[4]) then
      local all = redis.call('HGETALL', KEYS[1])
      for j = 1, #all, 2 do
        local _, oe, op = parse(all[j + 1])
        if oe and oe <= now and op <= now then redis.call('HDEL', KEYS[1], all[j]) end
      end
    end
  elseif e <= now then
    c, e = 0, now + window
  end
  if p > now or c >= cap then return {0, (i - 5) / 2, c, e, p} end
  states[#states + 1] = {field, c + 1, e, p}
end
local counts = {1}
for _, s in ipairs(states) do
  store(s[1], s[2], s[3], s[4])
  counts[#counts + 1] = s[2]
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return counts
`;

// ARGV: keep (ms), then field, until (ms), lock (1 or 0) per pause.
const PAUSE = `${PARSE}
for i = 2, #ARGV, 3 do
  local c, e, p = parse(redis.call('HGET', KEYS[1], ARGV[i]))
  if c then
    p = math.max(p, tonumber(ARGV[i + 1]))
    if ARGV[i + 2] == '1' then e = math.max(e, p) end
    store(ARGV[i], c, e, p)
  end
end
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 1
`;

// ARGV: field and action per refund: 'forget' drops the counter, 'one' takes one attempt off.
const REFUND = `${PARSE}
for i = 1, #ARGV, 2 do
  if ARGV[i + 1] == 'forget' then
    redis.call('HDEL', KEYS[1], ARGV[i])
  else
    local c, e, p = parse(redis.call('HGET', KEYS[1], ARGV[i]))
    if c then store(ARGV[i], math.max(c - 1, 0), e, p) end
  end
end
return 1
`;

type Arg = string | number;

/** The scripts above, registered on the client (EVALSHA, falling back to EVAL after a restart). */
interface ScriptedClient {
  rdLoginReserve(key: string, ...args: Arg[]): Promise<number[]>;
  rdLoginPause(key: string, ...args: Arg[]): Promise<number>;
  rdLoginRefund(key: string, ...args: Arg[]): Promise<number>;
}

function parseState(text: string): CounterState | null {
  const [count, windowEndsAt, pausedUntil] = text.split(":").map(Number);
  if (count === undefined || windowEndsAt === undefined || pausedUntil === undefined) return null;
  if ([count, windowEndsAt, pausedUntil].some(Number.isNaN)) return null;
  return { count, windowEndsAt, pausedUntil };
}

/** The counters every app instance shares, in Redis (or a Redis Cluster). */
export class RedisLoginCounters implements LoginCounters {
  readonly kind = "redis";
  private readonly scripts: ScriptedClient;

  constructor(private readonly client: RedisClient) {
    client.defineCommand("rdLoginReserve", { numberOfKeys: 1, lua: RESERVE });
    client.defineCommand("rdLoginPause", { numberOfKeys: 1, lua: PAUSE });
    client.defineCommand("rdLoginRefund", { numberOfKeys: 1, lua: REFUND });
    this.scripts = client as unknown as ScriptedClient;
  }

  async reserve(
    key: string,
    reservations: readonly Reservation[],
    now: number,
    windowMs: number,
    keepMs: number,
  ): Promise<ReserveResult> {
    const args = reservations.flatMap(({ field, cap }) => [field, cap]);
    const reply = await this.scripts.rdLoginReserve(
      key,
      now,
      windowMs,
      keepMs,
      PRUNE_FIELDS_OVER,
      ...args,
    );
    const [counted = 0, ...rest] = reply.map(Number);
    if (counted === 1) return { refused: false, counts: rest };
    const [index = 0, count = 0, windowEndsAt = 0, pausedUntil = 0] = rest;
    return { refused: true, index, state: { count, windowEndsAt, pausedUntil } };
  }

  async pause(key: string, pauses: readonly PauseRequest[], keepMs: number): Promise<void> {
    if (pauses.length === 0) return;
    const args = pauses.flatMap(({ field, until, lock }) => [field, until, lock ? 1 : 0]);
    await this.scripts.rdLoginPause(key, keepMs, ...args);
  }

  async refund(key: string, refunds: readonly Refund[]): Promise<void> {
    if (refunds.length === 0) return;
    const args = refunds.flatMap(({ field, forget }) => [field, forget ? "forget" : "one"]);
    await this.scripts.rdLoginRefund(key, ...args);
  }

  async read(key: string): Promise<Map<string, CounterState>> {
    const fields = await this.client.hgetall(key);
    const states = new Map<string, CounterState>();
    for (const [field, text] of Object.entries(fields)) {
      const state = parseState(text);
      if (state) states.set(field, state);
    }
    return states;
  }

  async clear(key: string): Promise<void> {
    await this.client.del(key);
  }
}
