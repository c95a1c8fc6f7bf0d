import type { CacheCore } from "./cache-core.ts";
import { type CacheRead, type CacheSource, freshness, memoryFreshness } from "./freshness.ts";
import { type CacheSubject, cacheKey, type EntryKeys } from "./keys.ts";
import { newToken, type SharedTier, type TierRead } from "./tier.ts";

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The read algorithm: L1, then the shared tier (Redis, or memory), then one computation across
 * processes under a lease, with refresh ahead of expiry and stale serving while a computation
 * fails. See the package README for the guarantees.
 */
export class EntryReader<K extends string> {
  /** Entries this process is recomputing ahead of their expiry. */
  private readonly refreshing = new Set<string>();

  constructor(private readonly core: CacheCore<K>) {}

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
    this.core.policy(kind);
    const key = cacheKey(kind, subject, this.core.options.prefix);
    if (this.core.options.disabled) return this.computeUncached(kind, compute, started);
    const cached = this.core.l1.get(key, started);
    if (cached) {
      this.core.stats.count(kind, "hits");
      this.core.stats.recordRead(started);
      return { value: cached.value as T, freshness: memoryFreshness(cached, started) };
    }
    const result = await this.core.l1.share(key, () =>
      this.core.policy(kind).processOnly
        ? this.computeHere(kind, key, compute)
        : this.load(kind, this.core.keys(kind, subject), compute),
    );
    this.core.stats.recordRead(started);
    return result;
  }

  /**
   * A kind kept in this process only (`processOnly`): computed here once per key, never read
   * from or written to the shared tier, so no lease either; each process computes its own.
   */
  private async computeHere<T>(
    kind: string,
    key: string,
    compute: () => Promise<T>,
  ): Promise<CacheRead<T>> {
    const started = performance.now();
    const epoch = this.core.l1.epoch;
    this.core.stats.count(kind, "misses");
    let value: T;
    try {
      value = await compute();
    } catch (error) {
      this.core.stats.count(kind, "errors");
      throw error;
    }
    this.core.stats.count(kind, "computations");
    this.core.stats.recordCompute(started);
    const storedAt = Date.now();
    this.rememberHere(kind, key, value, storedAt, epoch);
    return { value, freshness: freshness("computed", storedAt) };
  }

  private async computeUncached<T>(
    kind: string,
    compute: () => Promise<T>,
    started: number,
  ): Promise<CacheRead<T>> {
    this.core.stats.count(kind, "misses");
    this.core.stats.count(kind, "computations");
    const value = await compute();
    this.core.stats.recordCompute(started);
    this.core.stats.recordRead(started);
    return { value, freshness: freshness("computed", Date.now()) };
  }

  private async load<T>(
    kind: string,
    keys: EntryKeys,
    compute: () => Promise<T>,
  ): Promise<CacheRead<T>> {
    const epoch = this.core.l1.epoch;
    const leaseToken = newToken();
    const deadline = Date.now() + this.core.options.leaseTtlMs;
    // One refresh of a key at a time in this process; its lease makes it one across processes.
    const refreshAheadMs = this.refreshing.has(keys.entry)
      ? 0
      : this.core.timing(kind).refreshAheadMs;
    let waited = false;
    for (;;) {
      const { result: read, tier } = await this.core.onSharedTier((t) =>
        t.read(keys, leaseToken, this.core.options.leaseTtlMs, refreshAheadMs),
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
        await sleep(this.core.options.leasePollMs);
        continue;
      }
      if (read.leaseTaken || Date.now() >= deadline) {
        return this.computeAndStore({ kind, keys, read, tier, leaseToken, epoch }, compute);
      }
      if (read.state === "stale") return this.servedStale(kind, read);
      if (!waited) {
        this.core.stats.leaseWaits++;
        waited = true;
      }
      await sleep(this.core.options.leasePollMs);
    }
  }

  /** `tier` answered instead of Redis, although the breaker is still closed. */
  private redisHiccup(tier: SharedTier): boolean {
    return (
      this.core.redis !== undefined &&
      tier !== this.core.redis.tier &&
      !this.core.redis.guard.isOpen
    );
  }

  private served<T>(
    kind: string,
    keys: EntryKeys,
    read: Extract<TierRead, { payload: string }>,
    tier: SharedTier,
    epoch: number,
  ) {
    this.core.stats.count(kind, "hits");
    const value = this.core.serializer.deserialize<T>(read.payload);
    this.rememberHere(kind, keys.entry, value, read.storedAt, epoch);
    const source: CacheSource = tier.kind === "redis" ? "redis" : "memory";
    return { value, freshness: freshness(source, read.storedAt) };
  }

  private servedStale<T>(kind: string, read: Extract<TierRead, { payload: string }>) {
    this.core.stats.count(kind, "staleServes");
    return {
      value: this.core.serializer.deserialize<T>(read.payload),
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
      this.core.stats.count(kind, "misses");
      throw error;
    }
    this.core.stats.count(kind, "misses");
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
    this.core.stats.count(attempt.kind, "refreshes");
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
      const computed = { value, payload: this.core.serializer.serialize(value) };
      this.core.stats.count(kind, "computations");
      this.core.stats.recordCompute(started);
      return computed;
    } catch (error) {
      this.core.stats.count(kind, "errors");
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
      t.write(keys, payload, read.versions, this.core.timing(kind), leaseToken);
    // The entry is stored in the tier it was read from, where its version tokens belong.
    const storedAt =
      this.core.redis && tier === this.core.redis.tier
        ? await this.core.redis.guard.run(write)
        : await write(tier);
    if (storedAt === 0) this.core.stats.rejectedStaleSets++;
    if (typeof storedAt === "number" && storedAt > 0) {
      this.rememberHere(kind, keys.entry, value, storedAt, epoch);
    }
  }

  /** Keeps a value read or stored at `storedAt` in L1, within `keepInProcessUntil`. */
  private rememberHere(
    kind: string,
    entry: string,
    value: unknown,
    storedAt: number,
    epoch: number,
  ) {
    this.core.l1.remember(
      entry,
      value,
      storedAt,
      this.keepInProcessUntil(kind, storedAt),
      epoch,
      this.core.policy(kind).memoryTtlMs,
    );
  }

  /**
   * The latest an in-process copy may be served: never past the value's TTL, and never across
   * the start of its refresh-ahead window, so that a read in the window reaches the shared tier
   * and starts the refresh (or finds it started).
   */
  private keepInProcessUntil(kind: string, storedAt: number): number {
    const { freshMs, refreshAheadMs } = this.core.timing(kind);
    const freshUntil = storedAt + freshMs;
    const refreshFrom = freshUntil - refreshAheadMs;
    return Date.now() < refreshFrom ? refreshFrom : freshUntil;
  }

  /** The cached value without computing one; null on a miss. */
  async get<T>(kind: K, subject: CacheSubject): Promise<CacheRead<T> | null> {
    this.core.policy(kind);
    if (this.core.options.disabled) return null;
    const now = performance.now();
    const cached = this.core.l1.get(cacheKey(kind, subject, this.core.options.prefix), now);
    if (cached) return { value: cached.value as T, freshness: memoryFreshness(cached, now) };
    const keys = this.core.keys(kind, subject);
    // A lease TTL of 0 reads without taking the lease: a get never computes.
    const { result: read, tier } = await this.core.onSharedTier((t) => t.read(keys, newToken(), 0));
    if (read.state === "miss") return null;
    return {
      value: this.core.serializer.deserialize<T>(read.payload),
      freshness: freshness(
        read.state === "stale" ? "stale" : tier.kind === "redis" ? "redis" : "memory",
        read.storedAt,
      ),
    };
  }
}
