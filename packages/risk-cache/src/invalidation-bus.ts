import type { RedisClient } from "./connection.ts";
import { newToken } from "./tier.ts";

export type Invalidation =
  | { scope: "entry"; tenantId: string; userId: string; variant?: string; kinds: string[] }
  | { scope: "user"; tenantId: string; userId: string }
  | { scope: "tenant"; tenantId: string }
  | { scope: "all" };

interface Waiter {
  received: number;
  expected: number;
  done: (allAcknowledged: boolean) => void;
}

/** Heartbeats per acknowledgement timeout: how often an instance proves the bus reaches it. */
const HEARTBEATS_PER_WINDOW = 4;

/**
 * Carries invalidations to the in-process tier of every instance over Redis sharded pub/sub, and waits
 * for each subscribed instance to acknowledge it has dropped its copies: an invalidation that
 * returns has reached every live instance, not just been sent.
 *
 * An instance knows the bus reaches it only while it hears it: it publishes a heartbeat a few
 * times per acknowledgement timeout and counts itself deaf once nothing has arrived for a whole
 * timeout. A Redis that hangs (paused, or a network that drops packets) keeps the connection
 * "ready" while delivering nothing, so the connection's state alone cannot tell. Deaf, an
 * instance cannot vouch for anything it keeps in memory; when it hears again, or its
 * subscription reconnects, it may have missed messages, so it flushes what it kept (`resync`).
 */
export class InvalidationBus {
  private readonly waiters = new Map<string, Waiter>();
  private readonly channel: string;
  private readonly ackChannel: string;
  private readonly heartbeat: string;
  private readonly heartbeatMs: number;
  private connectedBefore = false;
  private subscribed = false;
  private lastHeardAt = 0;
  /** Called once at the next message heard. */
  private readonly hearing = new Set<() => void>();
  private heartbeats: NodeJS.Timeout | undefined;

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
    // On the acknowledgement channel, under an id no waiter has: every instance ignores it.
    this.heartbeat = `heartbeat:${newToken()}`;
    this.heartbeatMs = Math.max(10, Math.floor(ackTimeoutMs / HEARTBEATS_PER_WINDOW));
  }

  /**
   * Subscribed, connected, and heard within the last acknowledgement timeout: a message
   * published now reaches this instance.
   */
  get listening(): boolean {
    return (
      this.subscribed &&
      this.subscriber.status === "ready" &&
      Date.now() - this.lastHeardAt <= this.ackTimeoutMs
    );
  }

  /**
   * Resolves when this instance hears the bus again (so it works, and an instance that did not
   * acknowledge is the one at fault) or once it has heard nothing for a whole acknowledgement
   * timeout: every instance on the same silent Redis then counts itself deaf and stops trusting
   * its memory. An invalidation that may not have reached everyone waits for this to return.
   */
  untilHeardOrDeaf(): Promise<void> {
    // One heartbeat interval more: another instance may have heard the last message a moment
    // after this one did.
    const wait = this.lastHeardAt + this.ackTimeoutMs + this.heartbeatMs - Date.now();
    if (wait < 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.hearing.delete(done);
        resolve();
      };
      const timer = setTimeout(done, wait + 1);
      this.hearing.add(done);
    });
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
    this.lastHeardAt = Date.now();
    this.startHeartbeats();
  }

  private startHeartbeats() {
    this.heartbeats = setInterval(() => {
      this.publisher.spublish(this.ackChannel, this.heartbeat).catch(() => undefined);
    }, this.heartbeatMs);
    this.heartbeats.unref();
  }

  /** Whatever arrives proves the bus reaches this instance, heartbeats of others included. */
  private heard() {
    const now = Date.now();
    const wasDeaf = now - this.lastHeardAt > this.ackTimeoutMs;
    this.lastHeardAt = now;
    if (wasDeaf) this.handlers.resync();
    for (const listener of [...this.hearing]) listener();
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
    this.heard();
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
    clearInterval(this.heartbeats);
    for (const id of [...this.waiters.keys()]) this.finish(id, false);
    await this.subscriber.quit().catch(() => undefined);
  }
}
