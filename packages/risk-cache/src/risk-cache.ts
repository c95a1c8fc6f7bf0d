import { once } from "node:events";
import type { Invalidation } from "./invalidation-bus.ts";
import {
  CacheKeyError,
  type CacheSubject,
  cacheKey,
  type EntryKeys,
  entryKeys,
  namespaceOf,
  tenantGenerationKey,
} from "./keys.ts";
import { MemoryTier } from "./memory-tier.ts";
import {
  type KindPolicy,
  type ResolvedOptions,
  type RiskCacheOptions,
  resolveOptions,
} from "./options.ts";
import { ProcessTier } from "./process-tier.ts";
import { clearNamespace, type RedisHealth, redisHealth } from "./redis-admin.ts";
import { createRedisBackend, type RedisBackend } from "./redis-backend.ts";
import { UNAVAILABLE } from "./redis-guard.ts";
import { createSerializer, type Serializer } from "./serializer.ts";
import { CacheStats, type CacheStatsSnapshot } from "./stats.ts";
import { type EntryTiming, newToken, type SharedTier, type TierRead } from "./tier.ts";
import { warmUp } from "./warm-up.ts";

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

/** A computed value and its serialised form, ready to store. */
interface Computed<T> {
  value: T;
  payload: string;
}

/**
 * One reader's turn at an entry: what it read from which tier, under which lease token and L1
 * epoch. Computing, storing and refreshing all act on it.
 */
interface Attempt {
  kind: string;
  keys: EntryKeys;
  read: TierRead;
  tier: SharedTier;
  leaseToken: string;
  epoch: number;
}

/** How long `create` waits for Redis before serving from memory. */
const STARTUP_WAIT_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freshness(source: CacheSource, asOf: number): Freshness {
  return { source, asOf: new Date(asOf), ageMs: Math.max(0, Date.now() - asOf) };
}

function memoryFreshness(entry: { asOf: Date; asOfMs: number }, nowMs: number): Freshness {
  return { source: "memory", asOf: entry.asOf, ageMs: Math.max(0, nowMs - entry.asOfMs) };
}

/**
 * The product's cache: an in-process LRU (L1) over Redis (L2), or over process memory when no
 * Redis is configured. See the package README for the guarantees and how they are kept. `K`
 * names the kinds of value it holds, each with the policy given at creation.
 */
export class RiskCache<K extends string = string> {
  readonly mode: "redis" | "cluster" | "memory";
  private readonly options: ResolvedOptions<K>;
  private readonly serializer: Serializer;
  private readonly stats: CacheStats<K>;
  private readonly l1: ProcessTier;
  /** Shared tier in memory mode; the fallback while Redis is unavailable in Redis mode. */
  private readonly memoryTier: MemoryTier;
  private readonly redis?: RedisBackend;
  private lastRedisError: string | null = null;
  private readonly invalidationListeners = new Set<(invalidation: Invalidation) => void>();
  /** Entries this process is recomputing ahead of their expiry. */
  private readonly refreshing = new Set<string>();

  private constructor(options: ResolvedOptions<K>) {
    this.options = options;
    this.mode = options.redis.mode;
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
        onInvalidation: (invalidation) => this.applyHere(invalidation),
        onDistrust: () => this.flushMemory(),
        clearNamespace: () => this.clearNamespace(),
      });
    }
  }

  /** A started cache: in Redis mode, subscribed to invalidations (Redis may still be down). */
  static async create<K extends string>(options: RiskCacheOptions<K>): Promise<RiskCache<K>> {
    const cache = new RiskCache(resolveOptions(options));
    if (cache.redis) {
      // Waits, briefly, for the connection and the subscription; with Redis down the cache
      // starts anyway, serves from memory, and both complete once Redis is back.
      const { client, bus } = cache.redis;
      const ready = client.status === "ready" ? Promise.resolve() : once(client, "ready");
      const started = Promise.all([ready, bus.start()]).catch(() => undefined);
      await Promise.race([started, sleep(STARTUP_WAIT_MS)]);
    }
    return cache;
  }

  private timing(kind: string): EntryTiming {
    const { ttlSeconds, refreshAheadSeconds = 0 } = this.policy(kind);
    return {
      freshMs: ttlSeconds * 1_000,
      graceMs: this.options.graceSeconds * 1_000,
      refreshAheadMs: refreshAheadSeconds * 1_000,
    };
  }

  /** The policy of a kind given at creation; any other kind is a caller's mistake. */
  private policy(kind: string): KindPolicy {
    const policy = Object.hasOwn(this.options.kinds, kind)
      ? this.options.kinds[kind as K]
      : undefined;
    if (!policy) throw new CacheKeyError(`cache: unknown kind ${JSON.stringify(kind)}`);
    return policy;
  }

  private keys(kind: string, subject: CacheSubject): EntryKeys {
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
    kind: K,
    subject: CacheSubject,
    compute: () => Promise<T>,
  ): Promise<CacheRead<T>> {
    const started = performance.now();
    this.policy(kind);
    const key = cacheKey(kind, subject, this.options.prefix);
    if (this.options.disabled) return this.computeUncached(kind, compute, started);
    const cached = this.l1.get(key, started);
    if (cached) {
      this.stats.count(kind, "hits");
      this.stats.recordRead(started);
      return { value: cached.value as T, freshness: memoryFreshness(cached, started) };
    }
    const result = await this.l1.share(key, () =>
      this.load(kind, this.keys(kind, subject), compute),
    );
    this.stats.recordRead(started);
    return result;
  }

  private async computeUncached<T>(
    kind: string,
    compute: () => Promise<T>,
    started: number,
  ): Promise<CacheRead<T>> {
    this.stats.count(kind, "misses");
    this.stats.count(kind, "computations");
    const value = await compute();
    this.stats.recordCompute(started);
    this.stats.recordRead(started);
    return { value, freshness: freshness("computed", Date.now()) };
  }

  private async load<T>(
    kind: string,
    keys: EntryKeys,
    compute: () => Promise<T>,
  ): Promise<CacheRead<T>> {
    const epoch = this.l1.epoch;
    const leaseToken = newToken();
    const deadline = Date.now() + this.options.leaseTtlMs;
    // One refresh of a key at a time in this process; its lease makes it one across processes.
    const refreshAheadMs = this.refreshing.has(keys.entry) ? 0 : this.timing(kind).refreshAheadMs;
    let waited = false;
    for (;;) {
      const { result: read, tier } = await this.onSharedTier((t) =>
        t.read(keys, leaseToken, this.options.leaseTtlMs, refreshAheadMs),
      );
      if (read.state === "hit") {
        if (read.leaseTaken) this.refresh({ kind, keys, read, tier, leaseToken, epoch }, compute);
        return this.served(kind, keys, read, tier, epoch);
      }
      if (this.redisHiccup(tier) && Date.now() < deadline) {
        // One Redis operation failed (a timeout in a burst, say) but Redis is not considered
        // down: another process may hold the lease, so ask Redis again rather than compute
        // beside it under a lease of this process's memory.
        if (read.leaseTaken) await tier.release(keys, leaseToken);
        await sleep(this.options.leasePollMs);
        continue;
      }
      if (read.leaseTaken || Date.now() >= deadline) {
        return this.computeAndStore({ kind, keys, read, tier, leaseToken, epoch }, compute);
      }
      if (read.state === "stale") return this.servedStale(kind, read);
      if (!waited) {
        this.stats.leaseWaits++;
        waited = true;
      }
      await sleep(this.options.leasePollMs);
    }
  }

  /** `tier` answered instead of Redis, although the breaker is still closed. */
  private redisHiccup(tier: SharedTier): boolean {
    return this.redis !== undefined && tier !== this.redis.tier && !this.redis.guard.isOpen;
  }

  private served<T>(
    kind: string,
    keys: EntryKeys,
    read: Extract<TierRead, { payload: string }>,
    tier: SharedTier,
    epoch: number,
  ) {
    this.stats.count(kind, "hits");
    const value = this.serializer.deserialize<T>(read.payload);
    this.rememberHere(kind, keys, value, read.storedAt, epoch);
    const source: CacheSource = tier.kind === "redis" ? "redis" : "memory";
    return { value, freshness: freshness(source, read.storedAt) };
  }

  private servedStale<T>(kind: string, read: Extract<TierRead, { payload: string }>) {
    this.stats.count(kind, "staleServes");
    return {
      value: this.serializer.deserialize<T>(read.payload),
      freshness: freshness("stale", read.storedAt),
    };
  }

  /** Computes and stores for a reader who holds the lease and waits for the value. */
  private async computeAndStore<T>(
    attempt: Attempt,
    compute: () => Promise<T>,
  ): Promise<CacheRead<T>> {
    const { kind, read } = attempt;
    let computed: Computed<T>;
    try {
      computed = await this.computeOnce(attempt, compute);
    } catch (error) {
      // The computation failed (the database is away, say): the last value, marked stale,
      // serves better than an error while it is within its grace period.
      if (read.state === "stale") return this.servedStale<T>(kind, read);
      this.stats.count(kind, "misses");
      throw error;
    }
    this.stats.count(kind, "misses");
    await this.store(attempt, computed);
    return { value: computed.value, freshness: freshness("computed", Date.now()) };
  }

  /**
   * Recomputes a value that was just served because it expires soon, without anyone waiting
   * for it. A failure is counted and otherwise ignored: the value is served until it expires,
   * then as stale within its grace period, and the next reader tries again.
   */
  private refresh<T>(attempt: Attempt, compute: () => Promise<T>) {
    const entry = attempt.keys.entry;
    this.stats.count(attempt.kind, "refreshes");
    this.refreshing.add(entry);
    this.computeOnce(attempt, compute)
      .then((computed) => this.store(attempt, computed))
      .catch(() => undefined)
      .finally(() => this.refreshing.delete(entry));
  }

  /** Runs the computation under the caller's lease; gives the lease back if it fails. */
  private async computeOnce<T>(
    { kind, keys, tier, leaseToken }: Attempt,
    compute: () => Promise<T>,
  ): Promise<Computed<T>> {
    const started = performance.now();
    try {
      const value = await compute();
      const computed = { value, payload: this.serializer.serialize(value) };
      this.stats.count(kind, "computations");
      this.stats.recordCompute(started);
      return computed;
    } catch (error) {
      this.stats.count(kind, "errors");
      await tier.release(keys, leaseToken).catch(() => undefined);
      throw error;
    }
  }

  /** Stores unless an invalidation happened since `read` (then counts a rejected stale set). */
  private async store<T>(
    { kind, keys, read, tier, leaseToken, epoch }: Attempt,
    { value, payload }: Computed<T>,
  ) {
    const write = (t: SharedTier) =>
      t.write(keys, payload, read.versions, this.timing(kind), leaseToken);
    // The entry is stored in the tier it was read from, where its version tokens belong.
    const storedAt =
      this.redis && tier === this.redis.tier
        ? await this.redis.guard.run(write)
        : await write(tier);
    if (storedAt === 0) this.stats.rejectedStaleSets++;
    if (typeof storedAt === "number" && storedAt > 0) {
      this.rememberHere(kind, keys, value, storedAt, epoch);
    }
  }

  /** Keeps a value read or stored at `storedAt` in L1, within `keepInProcessUntil`. */
  private rememberHere(
    kind: string,
    keys: EntryKeys,
    value: unknown,
    storedAt: number,
    epoch: number,
  ) {
    this.l1.remember(
      keys.entry,
      value,
      storedAt,
      this.keepInProcessUntil(kind, storedAt),
      epoch,
      this.policy(kind).memoryTtlMs,
    );
  }

  /**
   * The latest an in-process copy may be served: never past the value's TTL, and never across
   * the start of its refresh-ahead window, so that a read in the window reaches the shared tier
   * and starts the refresh (or finds it started).
   */
  private keepInProcessUntil(kind: string, storedAt: number): number {
    const { freshMs, refreshAheadMs } = this.timing(kind);
    const freshUntil = storedAt + freshMs;
    const refreshFrom = freshUntil - refreshAheadMs;
    return Date.now() < refreshFrom ? refreshFrom : freshUntil;
  }

  /** The cached value without computing one; null on a miss. */
  async get<T>(kind: K, subject: CacheSubject): Promise<CacheRead<T> | null> {
    this.policy(kind);
    if (this.options.disabled) return null;
    const now = performance.now();
    const cached = this.l1.get(cacheKey(kind, subject, this.options.prefix), now);
    if (cached) return { value: cached.value as T, freshness: memoryFreshness(cached, now) };
    const keys = this.keys(kind, subject);
    // A lease TTL of 0 reads without taking the lease: a get never computes.
    const { result: read, tier } = await this.onSharedTier((t) => t.read(keys, newToken(), 0));
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
  async set<T>(kind: K, subject: CacheSubject, value: T): Promise<void> {
    this.policy(kind);
    const keys = this.keys(kind, subject);
    const payload = this.serializer.serialize(value);
    await this.broadcast({ scope: "entry", ...subject, kinds: [kind] }, async () => {
      const { tier } = await this.onSharedTier((t) =>
        t.writeThrough(keys, payload, this.timing(kind)),
      );
      this.rememberIfRedisMissed(tier, keys.entryVersion, [keys.entry, keys.lease]);
    });
  }

  /** Drops the cached values of `kinds` for one user, everywhere. */
  async invalidate(kinds: K | readonly K[], subject: CacheSubject): Promise<void> {
    const list: string[] = typeof kinds === "string" ? [kinds] : [...kinds];
    for (const kind of list) this.policy(kind);
    await this.broadcast({ scope: "entry", ...subject, kinds: list }, async () => {
      for (const kind of list) {
        const keys = this.keys(kind, subject);
        await this.invalidateShared(keys.entryVersion, [keys.entry, keys.lease]);
      }
    });
  }

  /** Drops every cached value of one user (on logout, say). */
  async invalidateUser(subject: CacheSubject): Promise<void> {
    const all = Object.keys(this.options.kinds).map((kind) => this.keys(kind, subject));
    const deleted = all.flatMap((keys) => [keys.entry, keys.lease]);
    await this.broadcast({ scope: "user", ...subject }, () =>
      this.invalidateShared((all[0] as EntryKeys).userVersion, deleted),
    );
  }

  /** Drops every cached value of every user of a tenant: one Redis command, no key scan. */
  async invalidateTenant(tenantId: string): Promise<void> {
    const generation = tenantGenerationKey(tenantId, this.options.prefix);
    await this.broadcast({ scope: "tenant", tenantId }, () =>
      this.invalidateShared(generation, []),
    );
  }

  private async invalidateShared(versionKey: string, keys: readonly string[]) {
    const { tier } = await this.onSharedTier((t) => t.invalidate(versionKey, keys));
    this.rememberIfRedisMissed(tier, versionKey, keys);
    // The fallback tier may hold copies too, whichever tier took the invalidation.
    if (tier !== this.memoryTier) await this.memoryTier.invalidate(versionKey, keys);
  }

  /** A change that went to the fallback instead of Redis is replayed there on recovery. */
  private rememberIfRedisMissed(tier: SharedTier, versionKey: string, keys: readonly string[]) {
    if (this.redis && tier !== this.redis.tier) this.redis.guard.remember(versionKey, keys);
  }

  /**
   * Applies locally, runs the shared-tier change, then waits for the other instances. Applied
   * before the change so L1 stops serving the old value, and again after it so a load that read
   * Redis while the change was running keeps its value out of L1 (the epoch moves).
   */
  private async broadcast(invalidation: Invalidation, change: () => Promise<unknown>) {
    this.stats.invalidations++;
    if (this.options.disabled) return;
    this.applyHere(invalidation);
    await change();
    this.applyHere(invalidation);
    if (!this.redis) return;
    const acknowledged = !this.redis.guard.isOpen && (await this.redis.bus.publish(invalidation));
    if (acknowledged) return;
    if (!this.redis.guard.isOpen) this.stats.invalidationAckTimeouts++;
    // Some instance may not have heard it. Return only once the bus is heard again or has been
    // silent long enough that every instance counts itself deaf and checks what it remembers.
    await this.redis.bus.untilHeardOrDeaf();
  }

  private flushMemory() {
    this.memoryTier.clear();
    this.applyHere({ scope: "all" });
  }

  private applyHere(invalidation: Invalidation) {
    this.l1.apply(invalidation);
    for (const listener of this.invalidationListeners) listener(invalidation);
  }

  /**
   * Calls `listener` with every invalidation applied in this process, made here or on another
   * instance, and with `{ scope: "all" }` whenever this process's copies stop being trustworthy
   * (Redis reconnected, a message may have been missed). State kept beside the cache, such as
   * the API's live sessions, follows the cache's invalidations this way. Returns the unsubscribe.
   */
  onInvalidation(listener: (invalidation: Invalidation) => void): () => void {
    this.invalidationListeners.add(listener);
    return () => this.invalidationListeners.delete(listener);
  }

  /**
   * Whether an invalidation made now reaches every instance sharing this cache before it
   * returns: always in memory mode (one process), in Redis mode only while Redis answers and
   * the invalidation channel is subscribed; never when the cache is disabled.
   */
  get invalidationsReachEveryInstance(): boolean {
    if (this.options.disabled) return false;
    if (!this.redis) return true;
    return !this.redis.guard.isOpen && this.redis.bus.listening;
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
    const redis = this.redis ? await redisHealth(this.redis.client) : null;
    return {
      ...this.stats.snapshot(),
      mode: this.mode,
      disabled: this.options.disabled,
      redis,
      fallback: this.redis?.guard.isOpen ?? false,
      lastRedisError: this.redis?.guard.lastError ?? this.lastRedisError,
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
