import type { CacheCore } from "./cache-core.ts";
import type { Invalidation } from "./invalidation-bus.ts";
import { type CacheSubject, type EntryKeys, tenantGenerationKey } from "./keys.ts";

/**
 * Every change of what is cached: write-through, invalidation of an entry, a user or a tenant,
 * applied here and carried to every instance over the bus, and the listeners that follow them.
 */
export class Invalidations<K extends string> {
  private readonly listeners = new Set<(invalidation: Invalidation) => void>();

  constructor(private readonly core: CacheCore<K>) {}

  /**
   * Write-through after a database write: every older copy is invalidated (here and on every
   * instance) and `value` becomes the cached one. The value is serialised first, so a value that
   * cannot be cached fails here and changes nothing.
   */
  async set<T>(kind: K, subject: CacheSubject, value: T): Promise<void> {
    const { core } = this;
    core.policy(kind);
    const keys = core.keys(kind, subject);
    const payload = core.serializer.serialize(value);
    await this.broadcast({ scope: "entry", ...subject, kinds: [kind] }, async () => {
      const { tier } = await core.onSharedTier((t) =>
        t.writeThrough(keys, payload, core.timing(kind)),
      );
      core.rememberIfRedisMissed(tier, keys.entryVersion, [keys.entry, keys.lease]);
    });
  }

  /** Drops the cached values of `kinds` for one user, everywhere. */
  async invalidate(kinds: K | readonly K[], subject: CacheSubject): Promise<void> {
    const list: string[] = typeof kinds === "string" ? [kinds] : [...kinds];
    for (const kind of list) this.core.policy(kind);
    await this.broadcast({ scope: "entry", ...subject, kinds: list }, async () => {
      for (const kind of list) {
        const keys = this.core.keys(kind, subject);
        await this.invalidateShared(keys.entryVersion, [keys.entry, keys.lease]);
      }
    });
  }

  /** Drops every cached value of one user (on logout, say), every variant included. */
  async invalidateUser(subject: CacheSubject): Promise<void> {
    const all = Object.keys(this.core.options.kinds).map((kind) => this.core.keys(kind, subject));
    const deleted = all.flatMap((keys) => [keys.entry, keys.lease]);
    await this.broadcast({ scope: "user", ...subject }, () =>
      this.invalidateShared((all[0] as EntryKeys).userVersion, deleted),
    );
  }

  /** Drops every cached value of every user of a tenant: one Redis command, no key scan. */
  async invalidateTenant(tenantId: string): Promise<void> {
    const generation = tenantGenerationKey(tenantId, this.core.options.prefix);
    await this.broadcast({ scope: "tenant", tenantId }, () =>
      this.invalidateShared(generation, []),
    );
  }

  private async invalidateShared(versionKey: string, keys: readonly string[]) {
    const { core } = this;
    const { tier } = await core.onSharedTier((t) => t.invalidate(versionKey, keys));
    core.rememberIfRedisMissed(tier, versionKey, keys);
    // The fallback tier may hold copies too, whichever tier took the invalidation.
    if (tier !== core.memoryTier) await core.memoryTier.invalidate(versionKey, keys);
  }

  /**
   * Applies locally, runs the shared-tier change, then waits for the other instances. Applied
   * before the change so L1 stops serving the old value, and again after it so a load that read
   * Redis while the change was running keeps its value out of L1 (the epoch moves).
   */
  private async broadcast(invalidation: Invalidation, change: () => Promise<unknown>) {
    const { core } = this;
    core.stats.invalidations++;
    if (core.options.disabled) return;
    this.applyHere(invalidation);
    await change();
    this.applyHere(invalidation);
    if (!core.redis) return;
    const acknowledged = !core.redis.guard.isOpen && (await core.redis.bus.publish(invalidation));
    if (acknowledged) return;
    if (!core.redis.guard.isOpen) core.stats.invalidationAckTimeouts++;
    // Some instance may not have heard it. Return only once the bus is heard again or has been
    // silent long enough that every instance counts itself deaf and checks what it remembers.
    await core.redis.bus.untilHeardOrDeaf();
  }

  /** Forgets every copy this process keeps: it can no longer vouch for them. */
  flushMemory() {
    this.core.memoryTier.clear();
    this.applyHere({ scope: "all" });
  }

  /** Applies an invalidation to L1, made here or heard from another instance. */
  applyHere(invalidation: Invalidation) {
    this.core.l1.apply(invalidation);
    for (const listener of this.listeners) listener(invalidation);
  }

  /** See RiskCache.onInvalidation. */
  listen(listener: (invalidation: Invalidation) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** See RiskCache.invalidationsReachEveryInstance. */
  get reachEveryInstance(): boolean {
    const { core } = this;
    if (core.options.disabled) return false;
    if (!core.redis) return true;
    return !core.redis.guard.isOpen && core.redis.bus.listening;
  }
}
