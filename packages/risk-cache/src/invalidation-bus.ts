import type { RedisClient } from "./connection.ts";
import type { CacheKind } from "./keys.ts";
import { newToken } from "./tier.ts";

export type Invalidation =
  | { scope: "entry"; tenantId: string; userId: string; kinds: CacheKind[] }
  | { scope: "user"; tenantId: string; userId: string }
  | { scope: "tenant"; tenantId: string }
  | { scope: "all" };

interface Waiter {
  received: number;
  expected: number;
  done: (allAcknowledged: boolean) => void;
}

/**
 * Carries invalidations to the in-process tier of every instance over Redis sharded pub/sub, and waits
 * for each subscribed instance to acknowledge it has dropped its copies: an invalidation that
 * returns has reached every live instance, not just been sent. After its subscription
 * reconnects, an instance may have missed messages, so it flushes its in-process tier.
 */
export class InvalidationBus {
  private readonly waiters = new Map<string, Waiter>();
  private readonly channel: string;
  private readonly ackChannel: string;
  private connectedBefore = false;
  private subscribed = false;

  constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    channel: string,
    private readonly handlers: { apply(invalidation: Invalidation): void; resync(): void },
    private readonly ackTimeoutMs: number,
  ) {
    // Sharded pub/sub on one hash tag: on a cluster both channels live on one shard, whose
    // SPUBLISH reply counts every subscribed instance (plain PUBLISH counts one node's clients).
    this.channel = `${channel}:{bus}`;
    this.ackChannel = `${channel}:ack:{bus}`;
  }

  /** Subscribed and connected: messages published now reach this instance. */
  get listening(): boolean {
    return this.subscribed && this.subscriber.status === "ready";
  }

  async start() {
    this.subscriber.on("error", () => undefined); // reported by the main connection's health
    this.subscriber.on("smessage", (channel: string, text: string) =>
      this.onMessage(channel, text),
    );
    this.subscriber.on("ready", () => {
      if (this.connectedBefore) this.handlers.resync();
      this.connectedBefore = true;
    });
    await this.subscriber.ssubscribe(this.channel, this.ackChannel);
    this.connectedBefore = true;
    this.subscribed = true;
  }

  /** true when every instance subscribed at publication acknowledged within the timeout. */
  async publish(invalidation: Invalidation): Promise<boolean> {
    const id = newToken();
    const acknowledged = new Promise<boolean>((resolve) => {
      this.waiters.set(id, { received: 0, expected: Number.POSITIVE_INFINITY, done: resolve });
    });
    // The whole exchange, SPUBLISH included, is bounded: a Redis that hangs cannot hold a write.
    const timer = setTimeout(() => this.finish(id, false), this.ackTimeoutMs);
    this.publisher.spublish(this.channel, JSON.stringify({ id, invalidation })).then(
      (receivers) => {
        const waiter = this.waiters.get(id);
        if (!waiter) return;
        waiter.expected = Number(receivers);
        if (waiter.received >= waiter.expected) this.finish(id, true);
      },
      () => this.finish(id, false),
    );
    try {
      return await acknowledged;
    } finally {
      clearTimeout(timer);
    }
  }

  private onMessage(channel: string, text: string) {
    if (channel === this.ackChannel) {
      const waiter = this.waiters.get(text);
      if (!waiter) return;
      waiter.received++;
      if (waiter.received >= waiter.expected) this.finish(text, true);
      return;
    }
    const { id, invalidation } = JSON.parse(text) as { id: string; invalidation: Invalidation };
    this.handlers.apply(invalidation);
    this.publisher.spublish(this.ackChannel, id).catch(() => undefined);
  }

  private finish(id: string, allAcknowledged: boolean) {
    const waiter = this.waiters.get(id);
    if (!waiter) return;
    this.waiters.delete(id);
    waiter.done(allAcknowledged);
  }

  async stop() {
    for (const id of [...this.waiters.keys()]) this.finish(id, false);
    await this.subscriber.quit().catch(() => undefined);
  }
}
