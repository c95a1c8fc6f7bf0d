import { CacheConfigError, type RedisConfig } from "./config.ts";
import { checkKindName } from "./keys.ts";
import type { AnyCustomType } from "./serializer.ts";

/** How long values of one kind live; the cache's user decides it per kind. */
export interface KindPolicy {
  /** Seconds a value stays fresh. */
  ttlSeconds: number;
  /**
   * A read within this many seconds of a value's expiry serves it and has one caller, across
   * processes, recompute it in the background, so a value read steadily never expires and
   * readers never wait for it. 0 or absent: values are recomputed only when read after they
   * expire.
   */
  refreshAheadSeconds?: number;
  /**
   * How long an in-process (L1) copy may be served without asking the shared tier; by default
   * the cache's `memory.ttlMs`. L1 copies are short-lived because an invalidation another
   * instance made may not have reached this one; a longer time suits only values that never
   * change under their key (a key that names the version of what it holds).
   */
  memoryTtlMs?: number;
  /**
   * Kept in each process's memory only, never in Redis: for values cheaper to compute than the
   * round trips that would share them (each process computes its own; invalidations still
   * reach it).
   */
  processOnly?: boolean;
}

export interface RiskCacheOptions<K extends string = string> {
  /**
   * What the cache holds: every kind of value it may be asked for, with its policy. A read or
   * invalidation of a kind not listed here is refused; a user's invalidation covers them all.
   */
  kinds: Readonly<Record<K, KindPolicy>>;
  /** From `parseRedisConfig(REDIS_URL)`; memory when omitted. */
  redis?: RedisConfig;
  /** First part of every key; the schema version follows it. */
  prefix?: string;
  /**
   * After its TTL, a value may still be served (marked stale) this long: to other callers while
   * one recomputes it, and to every caller while the computation fails (the database is away).
   */
  graceSeconds?: number;
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
  customTypes?: readonly AnyCustomType[];
  /**
   * Every read computes and nothing is stored: the baseline that shows what the cache saves
   * (benchmarks, CACHE_DISABLED in the app). Stats still count the misses and computations.
   */
  disabled?: boolean;
  /**
   * How often this instance publishes its figures for the deployment's view (`deployment()`):
   * into Redis under the prefix, or only into its own memory in memory mode. 0 (the default):
   * no reports, `deployment()` shows this instance's figures of the moment.
   */
  reportIntervalMs?: number;
}

export type ResolvedOptions<K extends string = string> = Required<
  Omit<RiskCacheOptions<K>, "memory" | "redis">
> & {
  redis: RedisConfig;
  memory: { maxEntries: number; ttlMs: number };
};

export function resolveOptions<K extends string>(options: RiskCacheOptions<K>): ResolvedOptions<K> {
  checkKinds(options.kinds);
  if (!((options.reportIntervalMs ?? 0) >= 0)) {
    throw new CacheConfigError("cache reportIntervalMs must be at least 0");
  }
  return {
    kinds: options.kinds,
    redis: options.redis ?? { mode: "memory" },
    prefix: options.prefix ?? "risk",
    graceSeconds: options.graceSeconds ?? 5,
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
    reportIntervalMs: options.reportIntervalMs ?? 0,
  };
}

/** A policy that could never serve, or a kind name that could forge a key, fails at start. */
function checkKinds(kinds: Readonly<Record<string, KindPolicy>>) {
  const names = Object.keys(kinds);
  if (names.length === 0) throw new CacheConfigError("cache kinds: at least one kind is needed");
  for (const name of names) {
    checkKindName(name);
    const { ttlSeconds, refreshAheadSeconds = 0 } = kinds[name] as KindPolicy;
    if (!(ttlSeconds > 0)) {
      throw new CacheConfigError(`cache kind ${name}: ttlSeconds must be above 0`);
    }
    const { memoryTtlMs = 0 } = kinds[name] as KindPolicy;
    if (!(memoryTtlMs >= 0)) {
      throw new CacheConfigError(`cache kind ${name}: memoryTtlMs must be at least 0`);
    }
    if (!(refreshAheadSeconds >= 0 && refreshAheadSeconds < ttlSeconds)) {
      throw new CacheConfigError(
        `cache kind ${name}: refreshAheadSeconds must be at least 0 and below ttlSeconds`,
      );
    }
  }
}
