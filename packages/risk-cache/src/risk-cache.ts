import { LRUCache } from "lru-cache";
import { connect, connectSubscriber, type RedisClient } from "./connection.ts";
import { type Invalidation, InvalidationBus } from "./invalidation-bus.ts";
import {
  CACHE_KINDS,
  type CacheKind,
  type CacheSubject,
  type EntryKeys,
  entryKeys,
  namespaceOf,
} from "./keys.ts";
import { MemoryTier } from "./memory-tier.ts";
import { type ResolvedOptions, type RiskCacheOptions, resolveOptions } from "./options.ts";
import { clearNamespace, type RedisHealth, redisHealth } from "./redis-admin.ts";
import { RedisGuard, UNAVAILABLE } from "./redis-guard.ts";
import { RedisTier } from "./redis-tier.ts";
import { createSerializer, type Serializer } from "./serializer.ts";
import { CacheStats, type CacheStatsSnapshot } from "./stats.ts";
import { type EntryTiming, newToken, type SharedTier, type TierRead } from "./tier.ts";

export type CacheSource = "memory" | "redis" | "computed" | "stale";

export interface Freshness {
  source: CacheSource;
  asOf: Date;
  ageMs: number;
}

export interface CacheRead<T> {
  value: T;
  freshness: Freshness;
}

interface MemoryEntry {
  value: unknown;
  asOf: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freshness(source: CacheSource, asOf: number): Freshness {
  return { source, asOf: new Date(asOf), ageMs: Math.max(0, Date.now() - asOf) };
}

/**
 * The product's cache: an in-process LRU (L1) over Redis (L2), or over process memory when no
 * Redis is configured. See the package README for the guarantees and how they are kept.
 */
export class RiskCache {
  readonly mode: "redis" | "cluster" | "memory";
  private readonly options: ResolvedOptions;
  private readonly serializer: Serializer;
  private readonly stats = new CacheStats();
  private readonly l1: LRUCache<string, MemoryEntry>;
  private readonly inflight = new Map<string, Promise<CacheRead<unknown>>>();
  /** Shared tier in memory mode; the fallback while Redis is unavailable in Redis mode. */
  private readonly memoryTier: MemoryTier;
  private readonly redis?: {
    client: RedisClient;
    tier: RedisTier;
    guard: RedisGuard;
    bus: InvalidationBus;
  };
  /** Bumped by every invalidation this process applies; a load that saw it change keeps out of L1. */
  private invalidationSeq = 0;

  private constructor(options: ResolvedOptions) {
    this.options = options;
    this.mode = options.redis.mode;
    this.serializer = createSerializer(options.customTypes);
    this.l1 = new LRUCache({ max: options.memory.maxEntries, ttl: options.memory.ttlMs });
    const inRedisMode = options.redis.mode !== "memory";
    this.memoryTier = new MemoryTier(
      options.memory.maxEntries * 4,
      inRedisMode ? options.fallbackTtlMs : undefined,
    );
    if (options.redis.mode !== "memory") {
      const client = connect(options.redis, options.commandTimeoutMs);
      const tier = new RedisTier(client);
      const guard = new RedisGuard(
        tier,
        options.failureThreshold,
        () => this.flushMemory(),
        () => this.clearNamespace(),
      );
      const bus = new InvalidationBus(
        client,
        connectSubscriber(client),
        `${namespaceOf(options.prefix)}:invalidations`,
        {
          apply: (invalidation) => this.applyLocally(invalidation),
          resync: () => this.flushMemory(),
        },
        options.ackTimeoutMs,
      );
      this.redis = { client, tier, guard, bus };
    }
  }

  /** A started cache: in Redis mode, subscribed to invalidations (Redis may still be down). */
  static async create(options: RiskCacheOptions = {}): Promise<RiskCache> {
    const cache = new RiskCache(resolveOptions(options));
    await cache.redis?.bus.start();
    return cache;
  }

  private timing(kind: CacheKind): EntryTiming {
    return {
      freshMs: this.options.ttlSeconds[kind] * 1_000,
      graceMs: this.options.graceSeconds * 1_000,
    };
  }

  private keys(kind: CacheKind, subject: CacheSubject): EntryKeys {
    return entryKeys(kind, subject, this.options.prefix);
  }

  /** Runs `operation` on Redis through the breaker, or on the memory tier. */
  private async onSharedTier<T>(
    operation: (tier: SharedTier) => Promise<T>,
  ): Promise<{ result: T; tier: SharedTier }> {
    if (this.redis) {
      const result = await this.redis.guard.run(operation);
      if (result !== UNAVAILABLE) return { result, tier: this.redis.tier };
      this.stats.fallbackReads++;
    }
    return { result: await operation(this.memoryTier), tier: this.memoryTier };
  }

  /**
   * The cached value of `kind` for `subject`, computing it with `compute` on a miss. Concurrent
   * misses run `compute` once per process and, through a lease in Redis, once across processes.
   */
  async getOrCompute<T>(
    kind: CacheKind,
    subject: CacheSubject,
    compute: () => Promise<T>,
  ): Promise<CacheRead<T>> {
    const started = performance.now();
    const keys = this.keys(kind, subject);
    const cached = this.l1.get(keys.entry);
    if (cached) {
      this.stats.count(kind, "hits");
      this.stats.recordRead(started);
      return { value: cached.value as T, freshness: freshness("memory", cached.asOf) };
    }
    let load = this.inflight.get(keys.entry) as Promise<CacheRead<T>> | undefined;
    if (!load) {
      const started = this.load(kind, keys, compute).finally(() => {
        if (this.inflight.get(keys.entry) === started) this.inflight.delete(keys.entry);
      });
      this.inflight.set(keys.entry, started);
      load = started;
    }
    const result = await load;
    this.stats.recordRead(started);
    return result;
  }

  private async load<T>(
    kind: CacheKind,
    keys: EntryKeys,
    compute: () => Promise<T>,
  ): Promise<CacheRead<T>> {
    const seq = this.invalidationSeq;
    const leaseToken = newToken();
    const deadline = Date.now() + this.options.leaseTtlMs;
    let waited = false;
    for (;;) {
      const { result: read, tier } = await this.onSharedTier((t) =>
        t.read(keys, leaseToken, this.options.leaseTtlMs),
      );
      if (read.state === "hit") return this.served(kind, keys, read, tier, seq);
      if (read.leaseTaken || Date.now() >= deadline) {
        return this.computeAndStore(kind, keys, read, tier, compute, leaseToken, seq);
      }
      if (read.state === "stale") {
        this.stats.count(kind, "staleServes");
        return {
          value: this.serializer.deserialize<T>(read.payload),
          freshness: freshness("stale", read.storedAt),
        };
      }
      if (!waited) {
        this.stats.leaseWaits++;
        waited = true;
      }
      await sleep(this.options.leasePollMs);
    }
  }

  private served<T>(
    kind: CacheKind,
    keys: EntryKeys,
    read: Extract<TierRead, { payload: string }>,
    tier: SharedTier,
    seq: number,
  ) {
    this.stats.count(kind, "hits");
    const value = this.serializer.deserialize<T>(read.payload);
    this.remember(keys, value, read.storedAt, seq);
    const source: CacheSource = tier.kind === "redis" ? "redis" : "memory";
    return { value, freshness: freshness(source, read.storedAt) };
  }

  private async computeAndStore<T>(
    kind: CacheKind,
    keys: EntryKeys,
    read: TierRead,
    tier: SharedTier,
    compute: () => Promise<T>,
    leaseToken: string,
    seq: number,
  ): Promise<CacheRead<T>> {
    this.stats.count(kind, "misses");
    const started = performance.now();
    let value: T;
    let payload: string;
    try {
      value = await compute();
      payload = this.serializer.serialize(value);
    } catch (error) {
      this.stats.count(kind, "errors");
      await tier.release(keys, leaseToken).catch(() => undefined);
      throw error;
    }
    this.stats.count(kind, "computations");
    this.stats.recordCompute(started);
    const write = (t: SharedTier) =>
      t.write(keys, payload, read.versions, this.timing(kind), leaseToken);
    // The entry is stored in the tier it was read from, where its version tokens belong.
    const storedAt =
      this.redis && tier === this.redis.tier
        ? await this.redis.guard.run(write)
        : await write(tier);
    if (storedAt === 0) this.stats.rejectedStaleSets++;
    if (typeof storedAt === "number" && storedAt > 0) this.remember(keys, value, storedAt, seq);
    return { value, freshness: freshness("computed", Date.now()) };
  }

  /** Into L1, unless an invalidation was applied while the value was being loaded. */
  private remember(keys: EntryKeys, value: unknown, asOf: number, seq: number) {
    if (seq === this.invalidationSeq) this.l1.set(keys.entry, { value, asOf });
  }

  /** The cached value without computing one; null on a miss. */
  async get<T>(kind: CacheKind, subject: CacheSubject): Promise<CacheRead<T> | null> {
    const keys = this.keys(kind, subject);
    const cached = this.l1.get(keys.entry);
    if (cached) return { value: cached.value as T, freshness: freshness("memory", cached.asOf) };
    const { result: read, tier } = await this.onSharedTier((t) => t.read(keys, newToken(), 1));
    if (read.state === "miss") return null;
    return {
      value: this.serializer.deserialize<T>(read.payload),
      freshness: freshness(
        read.state === "stale" ? "stale" : tier.kind === "redis" ? "redis" : "memory",
        read.storedAt,
      ),
    };
  }

  /**
   * Write-through after a database write: every older copy is invalidated (here and on every
   * instance) and `value` becomes the cached one. The value is serialised first, so a value that
   * cannot be cached fails here and changes nothing.
   */
  async set<T>(kind: CacheKind, subject: CacheSubject, value: T): Promise<void> {
    const keys = this.keys(kind, subject);
    const payload = this.serializer.serialize(value);
    await this.broadcast(
      { scope: "entry", tenantId: subject.tenantId, userId: subject.userId, kinds: [kind] },
      async () => {
        const { result } = await this.onSharedTier((tier) =>
          tier.writeThrough(keys, payload, this.timing(kind)),
        );
        if (this.redis?.guard.isOpen)
          this.redis.guard.remember(keys.entryVersion, [keys.entry, keys.lease]);
        return result;
      },
    );
  }

  /** Drops the cached values of `kinds` for one user, everywhere. */
  async invalidate(kinds: CacheKind | readonly CacheKind[], subject: CacheSubject): Promise<void> {
    const list = typeof kinds === "string" ? [kinds] : [...kinds];
    await this.broadcast(
      { scope: "entry", tenantId: subject.tenantId, userId: subject.userId, kinds: list },
      async () => {
        for (const kind of list) {
          const keys = this.keys(kind, subject);
          await this.invalidateShared(keys.entryVersion, [keys.entry, keys.lease]);
        }
      },
    );
  }

  /** Drops every cached value of one user (on logout, say). */
  async invalidateUser(subject: CacheSubject): Promise<void> {
    const all = CACHE_KINDS.map((kind) => this.keys(kind, subject));
    const deleted = all.flatMap((keys) => [keys.entry, keys.lease]);
    await this.broadcast({ scope: "user", ...subject }, () =>
      this.invalidateShared((all[0] as EntryKeys).userVersion, deleted),
    );
  }

  /** Drops every cached value of every user of a tenant: one Redis command, no key scan. */
  async invalidateTenant(tenantId: string): Promise<void> {
    const generation = this.keys("metrics", { tenantId, userId: "tenant" }).tenantGeneration;
    await this.broadcast({ scope: "tenant", tenantId }, () =>
      this.invalidateShared(generation, []),
    );
  }

  private async invalidateShared(versionKey: string, keys: readonly string[]) {
    const { tier } = await this.onSharedTier((t) => t.invalidate(versionKey, keys));
    if (this.redis && tier !== this.redis.tier) this.redis.guard.remember(versionKey, keys);
    // The fallback tier may hold copies too, whichever tier took the invalidation.
    if (tier !== this.memoryTier) await this.memoryTier.invalidate(versionKey, keys);
  }

  /** Applies locally, runs the shared-tier change, then waits for the other instances. */
  private async broadcast(invalidation: Invalidation, change: () => Promise<unknown>) {
    this.stats.invalidations++;
    this.applyLocally(invalidation);
    await change();
    this.applyLocally(invalidation);
    if (this.redis && !this.redis.guard.isOpen) {
      const acknowledged = await this.redis.bus.publish(invalidation);
      if (!acknowledged) this.stats.invalidationAckTimeouts++;
    }
  }

  private applyLocally(invalidation: Invalidation) {
    this.invalidationSeq++;
    // Loads already running may return what they read before; later reads must not join them.
    this.inflight.clear();
    const ns = namespaceOf(this.options.prefix);
    if (invalidation.scope === "all") return this.l1.clear();
    if (invalidation.scope === "entry") {
      for (const kind of invalidation.kinds) this.l1.delete(this.keys(kind, invalidation).entry);
      return;
    }
    const suffix =
      invalidation.scope === "user"
        ? `:${invalidation.userId}:{${invalidation.tenantId}}`
        : `:{${invalidation.tenantId}}`;
    for (const key of this.l1.keys()) {
      if (key.startsWith(ns) && key.endsWith(suffix)) this.l1.delete(key);
    }
  }

  private flushMemory() {
    this.invalidationSeq++;
    this.inflight.clear();
    this.l1.clear();
    this.memoryTier.clear();
  }

  /** Computes and caches `kind` for each subject, at most `concurrency` at a time. */
  async warmUp<T>(
    kind: CacheKind,
    subjects: readonly CacheSubject[],
    compute: (subject: CacheSubject) => Promise<T>,
    { concurrency = 4 } = {},
  ): Promise<{ warmed: number; failed: number }> {
    let next = 0;
    let warmed = 0;
    let failed = 0;
    const worker = async () => {
      while (next < subjects.length) {
        const subject = subjects[next++] as CacheSubject;
        try {
          await this.getOrCompute(kind, subject, () => compute(subject));
          warmed++;
        } catch {
          failed++;
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(concurrency, subjects.length)) }, worker),
    );
    return { warmed, failed };
  }

  /** Counters, latency percentiles and, in Redis mode, Redis's health. */
  async snapshot(): Promise<
    CacheStatsSnapshot & { mode: RiskCache["mode"]; redis: RedisHealth | null; fallback: boolean }
  > {
    const redis = this.redis ? await redisHealth(this.redis.client) : null;
    return {
      ...this.stats.snapshot(),
      mode: this.mode,
      redis,
      fallback: this.redis?.guard.isOpen ?? false,
    };
  }

  /** Deletes every key of this cache's namespace (SCAN + UNLINK, never KEYS or FLUSHALL). */
  async clearNamespace(): Promise<number> {
    this.flushMemory();
    if (!this.redis) return 0;
    const removed = await clearNamespace(this.redis.client, namespaceOf(this.options.prefix));
    await this.redis.bus.publish({ scope: "all" }).catch(() => false);
    return removed;
  }

  async close(): Promise<void> {
    if (!this.redis) return;
    this.redis.guard.stop();
    await this.redis.bus.stop();
    await this.redis.client.quit().catch(() => this.redis?.client.disconnect());
  }
}
