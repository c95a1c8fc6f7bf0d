import { once } from "node:events";
import { CacheCore } from "./cache-core.ts";
import { DeploymentReporter, type DeploymentView } from "./deployment/deployment-reporter.ts";
import { RedisDeploymentStore } from "./deployment/redis-deployment-store.ts";
import { EntryReader } from "./entry-reader.ts";
import type { CacheRead } from "./freshness.ts";
import type { Invalidation } from "./invalidation-bus.ts";
import { Invalidations } from "./invalidations.ts";
import { type CacheSubject, namespaceOf } from "./keys.ts";
import { type RiskCacheOptions, resolveOptions } from "./options.ts";
import { clearNamespace, type RedisHealth, redisHealth } from "./redis-admin.ts";
import type { CacheStatsSnapshot } from "./stats.ts";
import { warmUp } from "./warm-up.ts";

export type { CacheRead, CacheSource, Freshness } from "./freshness.ts";

export type CacheSnapshot<K extends string = string> = CacheStatsSnapshot<K> & {
  mode: "redis" | "cluster" | "memory";
  /** Configured off: every read computed, nothing stored. */
  disabled: boolean;
  /** Redis's health; null in memory mode. */
  redis: RedisHealth | null;
  /** true while the breaker is open and the in-memory fallback serves. */
  fallback: boolean;
  lastRedisError: string | null;
};

/** How long `create` waits for Redis before serving from memory. */
const STARTUP_WAIT_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An instance that missed this many reports in a row has left the deployment's view. */
const MISSED_REPORTS_BEFORE_GONE = 3;

/**
 * The product's cache: an in-process LRU (L1) over Redis (L2), or over process memory when no
 * Redis is configured. See the package README for the guarantees and how they are kept. `K`
 * names the kinds of value it holds, each with the policy given at creation. The read
 * algorithm is entry-reader.ts, every change of what is cached invalidations.ts; both work on
 * the tiers and rules of cache-core.ts.
 */
export class RiskCache<K extends string = string> {
  readonly mode: "redis" | "cluster" | "memory";
  private readonly core: CacheCore<K>;
  private readonly reader: EntryReader<K>;
  private readonly invalidations: Invalidations<K>;
  private readonly reporter: DeploymentReporter;

  private constructor(options: ReturnType<typeof resolveOptions<K>>) {
    this.mode = options.redis.mode;
    this.core = new CacheCore(options, {
      onInvalidation: (invalidation) => this.invalidations.applyHere(invalidation),
      onDistrust: () => this.invalidations.flushMemory(),
      clearNamespace: () => this.clearNamespace(),
    });
    this.reader = new EntryReader(this.core);
    this.invalidations = new Invalidations(this.core);
    this.reporter = this.createReporter(options.reportIntervalMs);
  }

  private createReporter(intervalMs: number): DeploymentReporter {
    const { redis, stats, options } = this.core;
    const store =
      redis && intervalMs > 0
        ? new RedisDeploymentStore(
            redis.client,
            namespaceOf(options.prefix),
            intervalMs * MISSED_REPORTS_BEFORE_GONE,
            options.commandTimeoutMs,
          )
        : null;
    return new DeploymentReporter(
      {
        stats: () => stats.snapshot(),
        readLatencySinceLastReport: () => stats.readLatencySinceLastCall(),
        fallback: () => redis?.guard.isOpen ?? false,
        usedMemoryBytes: async () =>
          redis ? (await redisHealth(redis.client)).usedMemoryBytes : null,
      },
      intervalMs,
      store,
    );
  }

  /** A started cache: in Redis mode, subscribed to invalidations (Redis may still be down). */
  static async create<K extends string>(options: RiskCacheOptions<K>): Promise<RiskCache<K>> {
    const cache = new RiskCache(resolveOptions(options));
    const { redis } = cache.core;
    if (redis) {
      // Waits, briefly, for the connection and the subscription; with Redis down the cache
      // starts anyway, serves from memory, and both complete once Redis is back.
      const { client, bus } = redis;
      const ready = client.status === "ready" ? Promise.resolve() : once(client, "ready");
      const started = Promise.all([ready, bus.start()]).catch(() => undefined);
      await Promise.race([started, sleep(STARTUP_WAIT_MS)]);
    }
    if (options.reportIntervalMs) await cache.reporter.start();
    return cache;
  }

  /**
   * The cached value of `kind` for `subject`, computing it with `compute` on a miss. Concurrent
   * misses run `compute` once per process and, through a lease in Redis, once across processes.
   */
  getOrCompute<T>(
    kind: K,
    subject: CacheSubject,
    compute: () => Promise<T>,
  ): Promise<CacheRead<T>> {
    return this.reader.getOrCompute(kind, subject, compute);
  }

  /** The cached value without computing one; null on a miss. */
  get<T>(kind: K, subject: CacheSubject): Promise<CacheRead<T> | null> {
    return this.reader.get(kind, subject);
  }

  /**
   * Write-through after a database write: every older copy is invalidated (here and on every
   * instance) and `value` becomes the cached one.
   */
  set<T>(kind: K, subject: CacheSubject, value: T): Promise<void> {
    return this.invalidations.set(kind, subject, value);
  }

  /** Drops the cached values of `kinds` for one user (the variant `subject` names), everywhere. */
  invalidate(kinds: K | readonly K[], subject: CacheSubject): Promise<void> {
    return this.invalidations.invalidate(kinds, subject);
  }

  /** Drops every cached value of one user (on logout, say), every variant included. */
  invalidateUser(subject: CacheSubject): Promise<void> {
    return this.invalidations.invalidateUser(subject);
  }

  /** Drops every cached value of every user of a tenant: one Redis command, no key scan. */
  invalidateTenant(tenantId: string): Promise<void> {
    return this.invalidations.invalidateTenant(tenantId);
  }

  /**
   * Calls `listener` with every invalidation applied in this process, made here or on another
   * instance, and with `{ scope: "all" }` whenever this process's copies stop being trustworthy
   * (Redis reconnected, a message may have been missed). State kept beside the cache, such as
   * the API's live sessions, follows the cache's invalidations this way. Returns the unsubscribe.
   */
  onInvalidation(listener: (invalidation: Invalidation) => void): () => void {
    return this.invalidations.listen(listener);
  }

  /**
   * Whether an invalidation made now reaches every instance sharing this cache before it
   * returns: always in memory mode (one process), in Redis mode only while Redis answers and
   * the invalidation channel is subscribed; never when the cache is disabled.
   */
  get invalidationsReachEveryInstance(): boolean {
    return this.invalidations.reachEveryInstance;
  }

  /** Computes and caches `kind` for each subject, at most `concurrency` at a time. */
  warmUp<T>(
    kind: K,
    subjects: readonly CacheSubject[],
    compute: (subject: CacheSubject) => Promise<T>,
    options: { concurrency?: number } = {},
  ) {
    return warmUp(this, kind, subjects, compute, options);
  }

  /** Counters, latency percentiles and, in Redis mode, Redis's health. */
  async snapshot(): Promise<CacheSnapshot<K>> {
    const { redis, options, stats } = this.core;
    return {
      ...stats.snapshot(),
      mode: this.mode,
      disabled: options.disabled,
      redis: redis ? await redisHealth(redis.client) : null,
      fallback: redis?.guard.isOpen ?? false,
      lastRedisError: redis?.guard.lastError ?? this.core.lastRedisError,
    };
  }

  /**
   * Every instance of the deployment that reported lately (see `reportIntervalMs`), each with
   * its figures and its last hour of samples; this instance alone in memory mode or while Redis
   * cannot be read.
   */
  deployment(): Promise<DeploymentView> {
    return this.reporter.deployment();
  }

  /**
   * Publishes this instance's figures now, besides the interval's reports: before it stops, or
   * in a test that must see what it just did. Nothing while reporting is off.
   */
  async report(): Promise<void> {
    if (this.core.options.reportIntervalMs > 0) await this.reporter.publish();
  }

  /** This instance alone, as `deployment()` shows it, from its own memory (no Redis call). */
  thisInstance(): DeploymentView {
    return this.reporter.local();
  }

  /** Deletes every key of this cache's namespace (SCAN + UNLINK, never KEYS or FLUSHALL). */
  async clearNamespace(): Promise<number> {
    this.invalidations.flushMemory();
    const { redis, options } = this.core;
    if (!redis) return 0;
    const removed = await clearNamespace(redis.client, namespaceOf(options.prefix));
    await redis.bus.publish({ scope: "all" }).catch(() => false);
    return removed;
  }

  async close(): Promise<void> {
    await this.reporter.stop();
    const { redis } = this.core;
    if (!redis) return;
    redis.guard.stop();
    await redis.bus.stop();
    await redis.client.quit().catch(() => redis.client.disconnect());
  }
}
