import type { RedisConfig } from "./config.ts";
import type { CacheKind } from "./keys.ts";
import type { CustomType } from "./serializer.ts";

export interface RiskCacheOptions {
  /** From `parseRedisConfig(REDIS_URL)`; memory when omitted. */
  redis?: RedisConfig;
  /** First part of every key; the schema version follows it. */
  prefix?: string;
  /** Seconds a value stays fresh, per kind. */
  ttlSeconds?: Partial<Record<CacheKind, number>>;
  /**
   * After its TTL, a value may still be served (marked stale) this long: to other callers while
   * one recomputes it, and to every caller while the computation fails (the database is away).
   */
  graceSeconds?: number;
  /**
   * Per kind: a read within this many seconds of a value's expiry serves it and has one caller,
   * across processes, recompute it in the background, so a value read steadily never expires
   * and readers never wait for it. 0 (the default): values are recomputed only when read after
   * they expire.
   */
  refreshAheadSeconds?: Partial<Record<CacheKind, number>>;
  /** The in-process tier over Redis; `ttlMs: 0` turns it off. */
  memory?: { maxEntries?: number; ttlMs?: number };
  /** How long the lease of a computation lasts, and so the longest a waiter waits for it. */
  leaseTtlMs?: number;
  /** How often a waiter looks for the value another process is computing. */
  leasePollMs?: number;
  /** How long a Redis operation may take before it counts as a failure and memory serves. */
  commandTimeoutMs?: number;
  /** Consecutive Redis failures that open the breaker (reads then use the in-memory fallback). */
  failureThreshold?: number;
  /** Lifetime of values cached in memory while Redis is unavailable. */
  fallbackTtlMs?: number;
  /** How long an invalidation waits for the other instances to drop their in-process copies. */
  ackTimeoutMs?: number;
  /** Classes to carry through the cache (Prisma's Decimal, for one). */
  customTypes?: readonly CustomType<never, never>[];
  /**
   * Every read computes and nothing is stored: the baseline that shows what the cache saves
   * (benchmarks, CACHE_DISABLED in the app). Stats still count the misses and computations.
   */
  disabled?: boolean;
}

export const DEFAULT_TTL_SECONDS: Record<CacheKind, number> = {
  metrics: 30,
  profile: 3_600,
  limits: 1_800,
  var: 60,
  alerts: 30,
  traders: 30,
};

export type ResolvedOptions = Required<
  Omit<RiskCacheOptions, "ttlSeconds" | "refreshAheadSeconds" | "memory" | "redis">
> & {
  redis: RedisConfig;
  ttlSeconds: Record<CacheKind, number>;
  refreshAheadSeconds: Partial<Record<CacheKind, number>>;
  memory: { maxEntries: number; ttlMs: number };
};

export function resolveOptions(options: RiskCacheOptions): ResolvedOptions {
  return {
    redis: options.redis ?? { mode: "memory" },
    prefix: options.prefix ?? "risk",
    ttlSeconds: { ...DEFAULT_TTL_SECONDS, ...options.ttlSeconds },
    graceSeconds: options.graceSeconds ?? 5,
    refreshAheadSeconds: options.refreshAheadSeconds ?? {},
    memory: {
      maxEntries: options.memory?.maxEntries ?? 5_000,
      ttlMs: options.memory?.ttlMs ?? 2_000,
    },
    leaseTtlMs: options.leaseTtlMs ?? 10_000,
    leasePollMs: options.leasePollMs ?? 15,
    commandTimeoutMs: options.commandTimeoutMs ?? 250,
    failureThreshold: options.failureThreshold ?? 3,
    fallbackTtlMs: options.fallbackTtlMs ?? 5_000,
    ackTimeoutMs: options.ackTimeoutMs ?? 2_000,
    customTypes: options.customTypes ?? [],
    disabled: options.disabled ?? false,
  };
}
