import type { Cluster, Redis } from "ioredis";
import type { EntryKeys } from "./keys.ts";
import {
  INVALIDATE_SCRIPT,
  READ_SCRIPT,
  RELEASE_SCRIPT,
  WRITE_SCRIPT,
  WRITE_THROUGH_SCRIPT,
} from "./lua.ts";
import {
  type EntryTiming,
  newToken,
  type SharedTier,
  type TierRead,
  type Versions,
} from "./tier.ts";

type RedisClient = Redis | Cluster;
type ReadReply = [
  state: "hit" | "stale" | "miss",
  payload: string,
  storedAt: string,
  g: string,
  u: string,
  k: string,
  taken: number,
];

/** The scripts of lua.ts, registered on a client (EVALSHA, falling back to EVAL after a restart). */
interface ScriptedClient {
  riskRead(...args: (string | number)[]): Promise<ReadReply>;
  riskWrite(...args: (string | number)[]): Promise<number>;
  riskWriteThrough(...args: (string | number)[]): Promise<number>;
  riskRelease(lease: string, token: string): Promise<number>;
  riskInvalidate(numberOfKeys: number, ...args: (string | number)[]): Promise<number>;
}

/** Version tokens outlive any entry (longest TTL plus grace), so an expired token is harmless. */
const VERSION_TTL_MS = 7 * 24 * 3_600_000;

export class RedisTier implements SharedTier {
  readonly kind = "redis";
  private readonly scripts: ScriptedClient;

  constructor(readonly client: RedisClient) {
    client.defineCommand("riskRead", { numberOfKeys: 5, lua: READ_SCRIPT });
    client.defineCommand("riskWrite", { numberOfKeys: 5, lua: WRITE_SCRIPT });
    client.defineCommand("riskWriteThrough", { numberOfKeys: 5, lua: WRITE_THROUGH_SCRIPT });
    client.defineCommand("riskRelease", { numberOfKeys: 1, lua: RELEASE_SCRIPT });
    client.defineCommand("riskInvalidate", { lua: INVALIDATE_SCRIPT });
    this.scripts = client as unknown as ScriptedClient;
  }

  private static keyList(keys: EntryKeys) {
    return [keys.entry, keys.entryVersion, keys.userVersion, keys.tenantGeneration, keys.lease];
  }

  async read(keys: EntryKeys, leaseToken: string, leaseTtlMs: number): Promise<TierRead> {
    const [state, payload, storedAt, g, u, k, taken] = await this.scripts.riskRead(
      ...RedisTier.keyList(keys),
      leaseToken,
      leaseTtlMs,
    );
    const versions: Versions = [g, u, k];
    const leaseTaken = taken === 1;
    if (state === "miss") return { state, versions, leaseTaken };
    return { state, payload, storedAt: Number(storedAt), versions, leaseTaken };
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
