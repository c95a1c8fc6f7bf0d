/**
 * The writes of a realistic run, through the real tRPC mutations: an admin edits one trader's
 * limit threshold or profile (alternately) with the version just read, and traders open and
 * close positions. Each write runs inside its book's BookExpectations, so the polls can tell a
 * read that missed an acknowledged write.
 */
import type { Poller } from "./dashboard-load.ts";
import { callJson, queryPath } from "./http-client.ts";

export class WriteStats {
  readonly ok = new Map<string, number>();
  readonly failed = new Map<string, number>();
  readonly reasons = new Map<string, number>();
  record(kind: string, error?: unknown) {
    const into = error ? this.failed : this.ok;
    into.set(kind, (into.get(kind) ?? 0) + 1);
    if (error) {
      const reason = `${kind}: ${(error as Error).message.slice(0, 160)}`;
      this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
    }
  }
}

export interface WriteTargets {
  /** The instances writes may go to, taken in turn (a write and the reads of it cross). */
  urls(): string[];
  /** The admin's cookie per tenant: sessions live in PostgreSQL, so it works on any instance. */
  adminCookie(tenantId: string): string;
  symbols(tenantId: string): string[];
}

interface Limit {
  id: string;
  type: string;
  threshold: number;
  warnFraction: number;
  severity: string;
  symbol: string | null;
  active: boolean;
  version: number;
}
interface Profile {
  riskTolerance: string;
  varConfidence: number;
  lookbackDays: number;
  maxDrawdownTolerance: number;
  version: number;
}

const post = (url: string, path: string, cookie: string, input: unknown) =>
  callJson<unknown>(url, `/api/trpc/${path}`, cookie, {
    method: "POST",
    body: JSON.stringify({ json: input }),
  });

/**
 * The answer to a write begun in its book's expectations: acknowledged when it arrives, dropped
 * when the write was refused. A write that timed out may still be applied by the server, so its
 * state stays, unacknowledged: reads may show it or not.
 */
async function settle<T>(
  write: ReturnType<Poller["expectations"]["begin"]>,
  request: Promise<T>,
): Promise<T> {
  try {
    const answer = await request;
    write.acknowledge();
    return answer;
  } catch (error) {
    if ((error as Error).name !== "TimeoutError") write.fail();
    throw error;
  }
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)] as T;

/**
 * Nudges a limit up or down 1% by turns; down instead when up would lift a threshold of at most
 * 1 past it, which the API refuses for limits measured as a fraction of the book.
 */
export async function editLimit(url: string, poller: Poller, targets: WriteTargets) {
  const cookie = targets.adminCookie(poller.tenantId);
  const { limits } = await callJson<{ limits: Limit[] }>(
    url,
    queryPath("risk.limits.list", { traderId: poller.userId }),
    cookie,
  );
  const limit = pick(limits.filter((candidate) => candidate.active));
  const wouldPassOne = limit.threshold <= 1 && limit.threshold * 1.01 > 1;
  const factor = limit.version % 2 === 0 || wouldPassOne ? 1 / 1.01 : 1.01;
  const threshold = Number(Math.min(limit.threshold * factor, 1e15).toFixed(6));
  const write = poller.expectations.begin((state) => state.thresholds.set(limit.id, threshold));
  const { id, type, warnFraction, severity, symbol, active, version } = limit;
  const fields = { id, type, threshold, warnFraction, severity, symbol, active, version };
  await settle(
    write,
    post(url, "risk.limits.update", cookie, { traderId: poller.userId, ...fields }),
  );
}

/** Switches the VaR confidence between 0.95 and 0.99: a new version and new figures. */
export async function editProfile(url: string, poller: Poller, targets: WriteTargets) {
  const cookie = targets.adminCookie(poller.tenantId);
  const { profile } = await callJson<{ profile: Profile }>(
    url,
    queryPath("risk.profile.get", { traderId: poller.userId }),
    cookie,
  );
  const varConfidence = profile.varConfidence === 0.95 ? 0.99 : 0.95;
  const expected = { version: profile.version + 1, varConfidence };
  const write = poller.expectations.begin((state) => {
    state.profile = expected;
  });
  const { riskTolerance, lookbackDays, maxDrawdownTolerance, version } = profile;
  await settle(
    write,
    post(url, "risk.profile.update", cookie, {
      traderId: poller.userId,
      riskTolerance,
      varConfidence,
      lookbackDays,
      maxDrawdownTolerance,
      version,
    }),
  );
}

/**
 * Opens a position in a random symbol, or closes the newest one the run opened: the held
 * quantity the metrics must show is the book's open positions (read just before) after it.
 */
export async function tradePosition(url: string, poller: Poller, targets: WriteTargets) {
  const positions = await callJson<{ id: string; symbol: string; quantity: number }[]>(
    url,
    queryPath("positions.list"),
    poller.cookie,
  );
  const held = (symbol: string) =>
    positions.filter((p) => p.symbol === symbol).reduce((sum, p) => sum + p.quantity, 0);
  const mine = opened.get(poller.userId) ?? [];
  const closing = mine.length > 0 && Math.random() < 0.5 ? mine.pop() : undefined;
  const position = positions.find((candidate) => candidate.id === closing);
  if (position) {
    const write = poller.expectations.begin((state) =>
      state.quantities.set(position.symbol, held(position.symbol) - position.quantity),
    );
    await settle(write, post(url, "positions.close", poller.cookie, { positionId: position.id }));
    return;
  }
  const symbol = pick(targets.symbols(poller.tenantId));
  const quantity = (10 + Math.floor(Math.random() * 90)) * (Math.random() < 0.2 ? -1 : 1);
  const write = poller.expectations.begin((state) =>
    state.quantities.set(symbol, held(symbol) + quantity),
  );
  const created = (await settle(
    write,
    // Soft limits past 100 % are accepted, as a trader confirming would; a hard one refuses.
    post(url, "positions.open", poller.cookie, { symbol, quantity, acceptSoftBreaches: true }),
  )) as { id: string };
  opened.set(poller.userId, [...mine, created.id]);
}

/** Positions the run opened, per trader: the ones it may close again. */
const opened = new Map<string, string[]>();

/**
 * Admin edits every `adminEveryMs` (limit, then profile, then limit…) and a position opened or
 * closed every `positionsEveryMs`, each on a random book, through the instances in turn.
 */
export function startWrites(
  pollers: Poller[],
  targets: WriteTargets,
  stats: () => WriteStats,
  options: { adminEveryMs: number; positionsEveryMs: number },
): { stop(): Promise<void> } {
  let running = true;
  let turn = 0;
  let adminTurn = 0;
  const pending = new Set<Promise<void>>();
  const run = (kind: string, write: typeof editLimit) => {
    const urls = targets.urls();
    if (urls.length === 0) return;
    const url = urls[turn++ % urls.length] as string;
    const poller = pick(pollers);
    const into = stats();
    const done = poller.expectations
      .serialize(async () => {
        // Queued behind a slow write to the same book until the run ended: never sent.
        if (!running) return;
        try {
          await write(url, poller, targets);
          into.record(kind);
        } catch (error) {
          into.record(kind, error);
        }
      })
      .finally(() => pending.delete(done));
    pending.add(done);
  };
  const admin = setInterval(() => {
    if (adminTurn++ % 2 === 0) run("limits.update", editLimit);
    else run("profile.update", editProfile);
  }, options.adminEveryMs);
  const trades = setInterval(
    () => run("positions.open/close", tradePosition),
    options.positionsEveryMs,
  );
  return {
    /** Sends no more writes; resolves once those in flight are answered or time out. */
    stop: async () => {
      running = false;
      clearInterval(admin);
      clearInterval(trades);
      await Promise.all(pending);
    },
  };
}
