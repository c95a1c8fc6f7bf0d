import type { Invalidation } from "./invalidation-bus.ts";
import { CacheKeyError, type CacheSubject, cacheKey, type EntryKeys, entryKeys } from "./keys.ts";
import { MemoryTier } from "./memory-tier.ts";
import type { KindPolicy, ResolvedOptions } from "./options.ts";
import { ProcessTier } from "./process-tier.ts";
import { createRedisBackend, type RedisBackend } from "./redis-backend.ts";
import { UNAVAILABLE } from "./redis-guard.ts";
import { createSerializer, type Serializer } from "./serializer.ts";
import { CacheStats } from "./stats.ts";
import type { EntryTiming, SharedTier } from "./tier.ts";

/** What the Redis backend tells the rest of the cache. */
export interface CoreHooks {
  /** An invalidation heard from another instance. */
  onInvalidation(invalidation: Invalidation): void;
  /** This process's copies can no longer be vouched for (a message may have been missed). */
  onDistrust(): void;
  clearNamespace(): Promise<number>;
}

/**
 * What the read path and the invalidations share: the options, the tiers (L1, Redis and the
 * memory tier it falls back to), the serializer and the statistics, and the few rules every
 * path applies to them (a kind's policy, where an operation runs).
 */
export class CacheCore<K extends string> {
  readonly serializer: Serializer;
  readonly stats: CacheStats<K>;
  readonly l1: ProcessTier;
  /** Shared tier in memory mode; the fallback while Redis is unavailable in Redis mode. */
  readonly memoryTier: MemoryTier;
  readonly redis?: RedisBackend;
  lastRedisError: string | null = null;

  constructor(
    readonly options: ResolvedOptions<K>,
    hooks: CoreHooks,
  ) {
    this.stats = new CacheStats(Object.keys(options.kinds) as K[]);
    this.serializer = createSerializer(options.customTypes);
    this.l1 = new ProcessTier(options.memory.maxEntries, options.memory.ttlMs, (kind, subject) =>
      cacheKey(kind, subject, options.prefix),
    );
    const inRedisMode = options.redis.mode !== "memory";
    this.memoryTier = new MemoryTier(
      options.memory.maxEntries * 4,
      inRedisMode ? options.fallbackTtlMs : undefined,
    );
    if (options.redis.mode !== "memory") {
      this.redis = createRedisBackend(options.redis, options, {
        onError: (message) => {
          this.lastRedisError = message;
        },
        ...hooks,
      });
    }
  }

  /** The policy of a kind given at creation; any other kind is a caller's mistake. */
  policy(kind: string): KindPolicy {
    const policy = Object.hasOwn(this.options.kinds, kind)
      ? this.options.kinds[kind as K]
      : undefined;
    if (!policy) throw new CacheKeyError(`cache: unknown kind ${JSON.stringify(kind)}`);
    return policy;
  }

  timing(kind: string): EntryTiming {
    const { ttlSeconds, refreshAheadSeconds = 0 } = this.policy(kind);
    return {
      freshMs: ttlSeconds * 1_000,
      graceMs: this.options.graceSeconds * 1_000,
      refreshAheadMs: refreshAheadSeconds * 1_000,
    };
  }

  keys(kind: string, subject: CacheSubject): EntryKeys {
    return entryKeys(kind, subject, this.options.prefix);
  }

  /** Runs `operation` on Redis through the breaker, or on the memory tier. */
  async onSharedTier<T>(
    operation: (tier: SharedTier) => Promise<T>,
  ): Promise<{ result: T; tier: SharedTier }> {
    if (this.redis) {
      const result = await this.redis.guard.run(operation);
      if (result !== UNAVAILABLE) return { result, tier: this.redis.tier };
      this.stats.fallbackReads++;
    }
    return { result: await operation(this.memoryTier), tier: this.memoryTier };
  }

  /** A change that went to the fallback instead of Redis is replayed there on recovery. */
  rememberIfRedisMissed(tier: SharedTier, versionKey: string, keys: readonly string[]) {
    if (this.redis && tier !== this.redis.tier) this.redis.guard.remember(versionKey, keys);
  }
}
