import type { Cluster, Redis } from "ioredis";
import type { EntryKeys } from "./keys.ts";
import {
  INVALIDATE_SCRIPT,
  LEASE_SCRIPT,
  RELEASE_SCRIPT,
  WRITE_SCRIPT,
  WRITE_THROUGH_SCRIPT,
} from "./lua.ts";
import { parseEntry } from "./redis-entry.ts";
import {
  type EntryTiming,
  newToken,
  type SharedTier,
  type TierRead,
  type Versions,
} from "./tier.ts";

type RedisClient = Redis | Cluster;
type Arg = string | number;

/** The scripts of lua.ts, registered on a client (EVALSHA, falling back to EVAL after a restart). */
interface ScriptedClient {
  riskLease(
    ...args: Arg[]
  ): Promise<
    [state: "hit" | "stale" | "miss", entry: string, g: string, u: string, k: string, taken: number]
  >;
  riskWrite(...args: Arg[]): Promise<number>;
  riskWriteThrough(...args: Arg[]): Promise<number>;
  riskRelease(lease: string, token: string): Promise<number>;
  riskInvalidate(numberOfKeys: number, ...args: Arg[]): Promise<number>;
}

/** Version tokens outlive any entry (longest TTL plus grace), so an expired token is harmless. */
const VERSION_TTL_MS = 7 * 24 * 3_600_000;

export class RedisTier implements SharedTier {
  readonly kind = "redis";
  private readonly scripts: ScriptedClient;

  constructor(readonly client: RedisClient) {
    client.defineCommand("riskLease", { numberOfKeys: 5, lua: LEASE_SCRIPT });
    client.defineCommand("riskWrite", { numberOfKeys: 5, lua: WRITE_SCRIPT });
    client.defineCommand("riskWriteThrough", { numberOfKeys: 5, lua: WRITE_THROUGH_SCRIPT });
    client.defineCommand("riskRelease", { numberOfKeys: 1, lua: RELEASE_SCRIPT });
    client.defineCommand("riskInvalidate", { lua: INVALIDATE_SCRIPT });
    this.scripts = client as unknown as ScriptedClient;
  }

  private static keyList(keys: EntryKeys) {
    return [keys.entry, keys.entryVersion, keys.userVersion, keys.tenantGeneration, keys.lease];
  }

  /**
   * A hit costs one MGET of the entry, its tenant's generation and its user's version, about a
   * plain GET: the entry's own token needs no check because invalidating the entry deletes it
   * (lua.ts), while a user's invalidation cannot name every variant of the user's values
   * (keys.ts), so the user's token is checked like the tenant's. It need not be atomic: a read
   * that overlaps an invalidation may see the state before it, and a value computed from tokens
   * that moved on is refused by the write script. Only a miss or a stale entry costs a second
   * command, a script that looks again, reads the three tokens and takes the lease in one
   * atomic step.
   */
  async read(
    keys: EntryKeys,
    leaseToken: string,
    leaseTtlMs: number,
    refreshAheadMs = 0,
  ): Promise<TierRead> {
    const [text, generation, user] = await this.client.mget(
      keys.entry,
      keys.tenantGeneration,
      keys.userVersion,
    );
    const entry = text ? parseEntry(text) : null;
    const valid =
      entry !== null &&
      entry.versions[0] === (generation ?? "") &&
      entry.versions[1] === (user ?? "");
    const now = Date.now();
    const dueForRefresh = leaseTtlMs > 0 && valid && entry.freshUntil - now <= refreshAheadMs;
    if (valid && entry.freshUntil >= now && !dueForRefresh) {
      const { payload, storedAt, versions } = entry;
      return { state: "hit", payload, storedAt, versions, leaseTaken: false };
    }
    const [state, again, g, u, k, taken] = await this.scripts.riskLease(
      ...RedisTier.keyList(keys),
      leaseToken,
      leaseTtlMs,
      refreshAheadMs,
    );
    const versions: Versions = [g, u, k];
    const leaseTaken = taken === 1;
    const landed = state === "miss" ? null : parseEntry(again);
    if (landed) {
      return { state, payload: landed.payload, storedAt: landed.storedAt, versions, leaseTaken };
    }
    return { state: "miss", versions, leaseTaken };
  }

  write(
    keys: EntryKeys,
    payload: string,
    [g, u, k]: Versions,
    { freshMs, graceMs }: EntryTiming,
    leaseToken: string,
  ) {
    return this.scripts.riskWrite(
      ...RedisTier.keyList(keys),
      payload,
      g,
      u,
      k,
      freshMs,
      graceMs,
      leaseToken,
    );
  }

  writeThrough(keys: EntryKeys, payload: string, { freshMs, graceMs }: EntryTiming) {
    return this.scripts.riskWriteThrough(
      ...RedisTier.keyList(keys),
      payload,
      newToken(),
      freshMs,
      graceMs,
      VERSION_TTL_MS,
    );
  }

  async release(keys: EntryKeys, leaseToken: string) {
    await this.scripts.riskRelease(keys.lease, leaseToken);
  }

  async invalidate(versionKey: string, keys: readonly string[]) {
    await this.scripts.riskInvalidate(
      1 + keys.length,
      versionKey,
      ...keys,
      newToken(),
      VERSION_TTL_MS,
    );
  }
}
