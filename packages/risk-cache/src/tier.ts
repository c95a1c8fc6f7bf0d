import type { EntryKeys } from "./keys.ts";

/** Version tokens an entry was read under: tenant generation, user version, entry version. */
export type Versions = readonly [tenant: string, user: string, entry: string];

export type TierRead =
  | {
      state: "hit" | "stale";
      payload: string;
      storedAt: number;
      versions: Versions;
      leaseTaken: boolean;
    }
  | { state: "miss"; versions: Versions; leaseTaken: boolean };

export interface EntryTiming {
  freshMs: number;
  graceMs: number;
  /** A read this close to the end of `freshMs` starts a recomputation (0: never). */
  refreshAheadMs: number;
}

/**
 * The tier shared by every process (Redis), or standing in for it (memory): versioned entries,
 * leases and invalidation, with the same atomic semantics in both implementations.
 */
export interface SharedTier {
  readonly kind: "redis" | "memory";
  /**
   * Reads an entry; on a miss or a stale entry also tries to take the lease (0 ms: only reads),
   * and on a fresh entry that expires within `refreshAheadMs` too (a hit with `leaseTaken`: the
   * caller recomputes it while it is still served).
   */
  read(
    keys: EntryKeys,
    leaseToken: string,
    leaseTtlMs: number,
    refreshAheadMs?: number,
  ): Promise<TierRead>;
  /** Stores unless an invalidation happened since `versions` were read; 0 when refused. */
  write(
    keys: EntryKeys,
    payload: string,
    versions: Versions,
    timing: EntryTiming,
    leaseToken: string,
  ): Promise<number>;
  /** Replaces the entry's version and stores the value under it; returns the storage time. */
  writeThrough(keys: EntryKeys, payload: string, timing: EntryTiming): Promise<number>;
  /** Gives the lease back if `leaseToken` still holds it. */
  release(keys: EntryKeys, leaseToken: string): Promise<void>;
  /** Replaces the token at `versionKey` and deletes `keys` (entries and leases). */
  invalidate(versionKey: string, keys: readonly string[]): Promise<void>;
}

// Lease and version tokens need only be unique across processes and restarts: a random prefix
// per process and a counter are, at a fraction of a random UUID's cost on every read.
const PROCESS_TOKEN_PREFIX = crypto.randomUUID().replaceAll("-", "").slice(0, 16);
let tokensIssued = 0;

export function newToken(): string {
  tokensIssued++;
  return `${PROCESS_TOKEN_PREFIX}.${tokensIssued.toString(36)}`;
}
