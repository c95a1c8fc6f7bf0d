import { LRUCache } from "lru-cache";
import type { EntryKeys } from "./keys.ts";
import {
  type EntryTiming,
  newToken,
  type SharedTier,
  type TierRead,
  type Versions,
} from "./tier.ts";

interface StoredEntry {
  payload: string;
  versions: Versions;
  storedAt: number;
  freshUntil: number;
}

/**
 * The shared tier kept in this process: the cache when REDIS_URL is unset, and the fallback
 * while Redis cannot be reached. Same rules as the Redis scripts, run synchronously, so they
 * are atomic within the process.
 */
export class MemoryTier implements SharedTier {
  readonly kind = "memory";
  private readonly entries: LRUCache<string, StoredEntry>;
  private readonly tokens = new Map<string, string>();
  private readonly leases = new Map<string, { token: string; until: number }>();

  constructor(
    maxEntries: number,
    /** Upper bound on how long an entry is kept, whatever its kind's TTL. */
    private readonly maxTtlMs = Number.POSITIVE_INFINITY,
  ) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  private versionsOf(keys: EntryKeys): Versions {
    const token = (key: string) => this.tokens.get(key) ?? "";
    return [token(keys.tenantGeneration), token(keys.userVersion), token(keys.entryVersion)];
  }

  private takeLease(key: string, token: string, ttlMs: number): boolean {
    if (ttlMs <= 0) return false;
    const now = Date.now();
    const lease = this.leases.get(key);
    if (lease && lease.until > now) return lease.token === token;
    this.leases.set(key, { token, until: now + ttlMs });
    return true;
  }

  async read(
    keys: EntryKeys,
    leaseToken: string,
    leaseTtlMs: number,
    refreshAheadMs = 0,
  ): Promise<TierRead> {
    const versions = this.versionsOf(keys);
    const entry = this.entries.get(keys.entry);
    const valid = entry !== undefined && sameVersions(entry.versions, versions);
    const now = Date.now();
    if (valid && entry.freshUntil >= now) {
      const dueForRefresh = entry.freshUntil - now <= refreshAheadMs;
      return {
        state: "hit",
        payload: entry.payload,
        storedAt: entry.storedAt,
        versions,
        leaseTaken: dueForRefresh && this.takeLease(keys.lease, leaseToken, leaseTtlMs),
      };
    }
    const leaseTaken = this.takeLease(keys.lease, leaseToken, leaseTtlMs);
    if (valid)
      return {
        state: "stale",
        payload: entry.payload,
        storedAt: entry.storedAt,
        versions,
        leaseTaken,
      };
    return { state: "miss", versions, leaseTaken };
  }

  async write(
    keys: EntryKeys,
    payload: string,
    versions: Versions,
    timing: EntryTiming,
    leaseToken: string,
  ) {
    this.releaseIfOurs(keys, leaseToken);
    if (!sameVersions(versions, this.versionsOf(keys))) return 0;
    return this.store(keys, payload, timing);
  }

  async writeThrough(keys: EntryKeys, payload: string, timing: EntryTiming) {
    this.tokens.set(keys.entryVersion, newToken());
    this.leases.delete(keys.lease);
    return this.store(keys, payload, timing);
  }

  async release(keys: EntryKeys, leaseToken: string) {
    this.releaseIfOurs(keys, leaseToken);
  }

  private releaseIfOurs(keys: EntryKeys, leaseToken: string) {
    if (this.leases.get(keys.lease)?.token === leaseToken) this.leases.delete(keys.lease);
  }

  async invalidate(versionKey: string, keys: readonly string[]) {
    this.tokens.set(versionKey, newToken());
    for (const key of keys) {
      this.entries.delete(key);
      this.leases.delete(key);
    }
  }

  private store(keys: EntryKeys, payload: string, { freshMs, graceMs }: EntryTiming): number {
    const storedAt = Date.now();
    const ttl = Math.min(freshMs + graceMs, this.maxTtlMs);
    const entry = {
      payload,
      versions: this.versionsOf(keys),
      storedAt,
      freshUntil: storedAt + Math.min(freshMs, ttl),
    };
    this.entries.set(keys.entry, entry, { ttl });
    return storedAt;
  }

  clear() {
    this.entries.clear();
    this.leases.clear();
  }
}

function sameVersions(a: Versions, b: Versions): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}
