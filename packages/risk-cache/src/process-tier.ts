import { LRUCache } from "lru-cache";
import type { Invalidation } from "./invalidation-bus.ts";
import type { CacheSubject } from "./keys.ts";

/** Times are on the monotonic clock (`performance.now()`), which a hit reads once. */
interface ProcessEntry {
  value: unknown;
  /** Built once when remembered, so a hit allocates no Date. */
  asOf: Date;
  /** `asOf` on the monotonic clock, for the age of a hit. */
  asOfMs: number;
  expiresAtMs: number;
}

/**
 * L1: recently read values in this process (a small LRU with a short TTL), the loads in flight,
 * and an epoch that every applied invalidation advances. A load remembers the epoch it started
 * in and keeps its value out of L1 if the epoch moved, because an invalidation may have been
 * applied between its read and its arrival here.
 */
export class ProcessTier {
  private readonly entries: LRUCache<string, ProcessEntry>;
  private readonly inflight = new Map<string, Promise<unknown>>();
  private epochValue = 0;

  constructor(
    maxEntries: number,
    /** 0 turns L1 off, whatever a kind asks for. */
    private readonly ttlMs: number,
    private readonly entryKey: (kind: string, subject: CacheSubject) => string,
  ) {
    // Expiry is checked here against the caller's clock reading rather than by lru-cache's TTL
    // machinery: a hit reads the clock once (on this machine a clock read costs as much as the
    // LRU lookup). The monotonic clock also keeps L1's short lifetimes exact when the wall
    // clock is adjusted.
    this.entries = new LRUCache({ max: maxEntries });
  }

  get epoch(): number {
    return this.epochValue;
  }

  /** The live entry of `key` at `nowMs`, a `performance.now()` reading. */
  get(key: string, nowMs: number): ProcessEntry | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined || entry.expiresAtMs > nowMs) return entry;
    this.entries.delete(key);
    return undefined;
  }

  /**
   * Keeps the value for `kindTtlMs` (the tier's TTL by default), and at most until `freshUntil`,
   * so L1 never outlives the kind's TTL. `asOf` and `freshUntil` are wall-clock times (from
   * Redis), converted here to the monotonic clock.
   */
  remember(
    key: string,
    value: unknown,
    asOf: number,
    freshUntil: number,
    epoch: number,
    kindTtlMs = this.ttlMs,
  ) {
    const wallNow = Date.now();
    const lifetimeMs = Math.min(this.ttlMs === 0 ? 0 : kindTtlMs, freshUntil - wallNow);
    if (epoch !== this.epochValue || lifetimeMs <= 0) return;
    const nowMs = performance.now();
    this.entries.set(key, {
      value,
      asOf: new Date(asOf),
      asOfMs: nowMs - (wallNow - asOf),
      expiresAtMs: nowMs + lifetimeMs,
    });
  }

  /** Joins the load of `key` already running in this process, or starts one. */
  share<T>(key: string, start: () => Promise<T>): Promise<T> {
    const running = this.inflight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const load = start();
    this.inflight.set(key, load);
    // The caller gets the load itself; forgetting it settles on a branch of its own, so a read
    // does not wait the extra turns a `.finally` in its path would add.
    const forget = () => {
      if (this.inflight.get(key) === load) this.inflight.delete(key);
    };
    load.then(forget, forget);
    return load;
  }

  apply(invalidation: Invalidation) {
    this.epochValue++;
    // Loads already running may return what they read before; later reads must not join them.
    this.inflight.clear();
    if (invalidation.scope === "all") return this.entries.clear();
    if (invalidation.scope === "entry") {
      for (const kind of invalidation.kinds) this.entries.delete(this.entryKey(kind, invalidation));
      return;
    }
    const suffix =
      invalidation.scope === "user"
        ? `:${invalidation.userId}:{${invalidation.tenantId}}`
        : `:{${invalidation.tenantId}}`;
    for (const key of this.entries.keys()) {
      if (key.endsWith(suffix)) this.entries.delete(key);
    }
  }
}
