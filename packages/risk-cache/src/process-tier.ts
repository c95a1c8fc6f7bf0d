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

/** How many of the latest invalidations L1 keeps to judge the loads that ran across them. */
export const RECENT_INVALIDATIONS = 1_024;

/**
 * L1: recently read values in this process (a small LRU with a short TTL), the loads in flight,
 * and an epoch that every applied invalidation advances. A load remembers the epoch it started
 * in and keeps its value out of L1 if an invalidation applied since then covers its key: it may
 * have been applied between the load's read and its arrival here. Invalidations of other keys
 * leave it be, so a busy deployment (prices moving, alerts raised, books written every second)
 * still keeps what it loads and still joins concurrent loads of one key.
 */
export class ProcessTier {
  private readonly entries: LRUCache<string, ProcessEntry>;
  private readonly inflight = new Map<string, Promise<unknown>>();
  private epochValue = 0;
  /** The latest invalidations, oldest first: the epoch each moved to, and what it covers. */
  private readonly recent: { epoch: number; covers: (key: string) => boolean }[] = [];

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
    if (lifetimeMs <= 0 || this.invalidatedSince(key, epoch)) return;
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
    const covers = this.coverage(invalidation);
    this.epochValue++;
    this.recent.push({ epoch: this.epochValue, covers });
    if (this.recent.length > RECENT_INVALIDATIONS) this.recent.shift();
    // Loads already running may return what they read before; later reads must not join them.
    for (const key of this.inflight.keys()) {
      if (covers(key)) this.inflight.delete(key);
    }
    if (invalidation.scope === "all") return this.entries.clear();
    if (invalidation.scope === "entry") {
      for (const kind of invalidation.kinds) this.entries.delete(this.entryKey(kind, invalidation));
      return;
    }
    for (const key of this.entries.keys()) {
      if (covers(key)) this.entries.delete(key);
    }
  }

  /** The keys an invalidation drops: every key of its kinds, of its user, of its tenant, or all. */
  private coverage(invalidation: Invalidation): (key: string) => boolean {
    switch (invalidation.scope) {
      case "all":
        return () => true;
      case "entry": {
        const keys = new Set(invalidation.kinds.map((kind) => this.entryKey(kind, invalidation)));
        return (key) => keys.has(key);
      }
      case "user": {
        const suffix = `:${invalidation.userId}:{${invalidation.tenantId}}`;
        return (key) => key.endsWith(suffix);
      }
      case "tenant": {
        const suffix = `:{${invalidation.tenantId}}`;
        return (key) => key.endsWith(suffix);
      }
    }
  }

  /**
   * Whether an invalidation applied after `epoch` covers `key`, or may have: one older than the
   * invalidations kept counts as covering it.
   */
  private invalidatedSince(key: string, epoch: number): boolean {
    if (epoch === this.epochValue) return false;
    const oldest = this.recent[0];
    if (oldest === undefined || oldest.epoch > epoch + 1) return true;
    for (let i = this.recent.length - 1; i >= 0; i--) {
      const invalidation = this.recent[i] as (typeof this.recent)[number];
      if (invalidation.epoch <= epoch) return false;
      if (invalidation.covers(key)) return true;
    }
    return false;
  }
}
