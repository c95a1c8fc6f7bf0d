import { reconnectDelay } from "./connection.ts";
import type { RedisTier } from "./redis-tier.ts";

export const UNAVAILABLE = Symbol("redis unavailable");

interface Deadline {
  at: number;
  fail(error: unknown): void;
}

const MAX_PENDING_INVALIDATIONS = 10_000;

/**
 * A circuit breaker around Redis. Closed: operations go to Redis, and `failureThreshold`
 * consecutive failures (timeouts, refused connections) open it. Open: operations answer
 * UNAVAILABLE at once (callers use the in-memory fallback) while a probe pings Redis with
 * exponential backoff. Invalidations made meanwhile are remembered and replayed before the
 * breaker closes, so values cached in Redis before the outage cannot come back stale.
 */
export class RedisGuard {
  private failures = 0;
  private open = false;
  private probing = false;
  /** Version key → keys to delete; a Set, so repeated invalidations of one entry do not pile up. */
  private pending = new Map<string, Set<string>>();
  private overflowed = false;
  private readonly inFlight = new Set<Deadline>();
  private watchdog: NodeJS.Timeout | undefined;
  /** The last failure of an operation, for the health report. */
  lastError: string | null = null;

  constructor(
    private readonly tier: RedisTier,
    private readonly failureThreshold: number,
    /** `replayed`: invalidations made during the outage were replayed into Redis. */
    private readonly onRecovered: (replayed: boolean) => void,
    private readonly clearNamespace: () => Promise<unknown>,
    private readonly timeoutMs: number,
  ) {}

  get isOpen(): boolean {
    return this.open;
  }

  /**
   * Runs `operation`, or answers UNAVAILABLE when the breaker is open, the operation fails, or
   * Redis has not answered within the timeout. One watchdog timer checks every operation's
   * deadline, which costs less per read than a timer per command.
   */
  run<T>(operation: (tier: RedisTier) => Promise<T>): Promise<T | typeof UNAVAILABLE> {
    if (this.open) return Promise.resolve(UNAVAILABLE);
    return new Promise((resolve) => {
      const deadline: Deadline = {
        at: Date.now() + this.timeoutMs,
        fail: (error) => {
          this.inFlight.delete(deadline);
          this.failed(error);
          resolve(UNAVAILABLE);
        },
      };
      this.inFlight.add(deadline);
      this.watch();
      operation(this.tier).then(
        (result) => {
          if (!this.inFlight.delete(deadline)) return;
          this.failures = 0;
          resolve(result);
        },
        (error: unknown) => {
          if (this.inFlight.has(deadline)) deadline.fail(error);
        },
      );
    });
  }

  private failed(error: unknown) {
    this.lastError = error instanceof Error ? error.message : String(error);
    this.failures++;
    if (this.failures >= this.failureThreshold || this.tier.client.status !== "ready") this.trip();
  }

  private watch() {
    if (this.watchdog) return;
    this.watchdog = setInterval(
      () => {
        const now = Date.now();
        for (const deadline of this.inFlight) {
          if (deadline.at <= now)
            deadline.fail(new Error(`Redis did not answer within ${this.timeoutMs} ms`));
        }
        if (this.inFlight.size === 0) {
          clearInterval(this.watchdog);
          this.watchdog = undefined;
        }
      },
      Math.max(5, Math.floor(this.timeoutMs / 4)),
    );
    this.watchdog.unref();
  }

  /** An invalidation that could not reach Redis, to replay on recovery. */
  remember(versionKey: string, keys: readonly string[]) {
    if (this.pending.size >= MAX_PENDING_INVALIDATIONS) {
      this.overflowed = true;
      return;
    }
    const deleted = this.pending.get(versionKey) ?? new Set<string>();
    for (const key of keys) deleted.add(key);
    this.pending.set(versionKey, deleted);
    this.trip();
  }

  private trip() {
    this.open = true;
    if (!this.probing) {
      this.probing = true;
      void this.probe(0);
    }
  }

  private async probe(attempt: number) {
    await new Promise((resolve) => setTimeout(resolve, reconnectDelay(attempt + 1)));
    try {
      await this.tier.client.ping();
      const replayed = this.pending.size > 0 || this.overflowed;
      await this.replay();
      this.open = false;
      this.failures = 0;
      this.probing = false;
      this.onRecovered(replayed);
    } catch {
      if (this.probing) void this.probe(attempt + 1);
    }
  }

  private async replay() {
    if (this.overflowed) {
      await this.clearNamespace();
      this.overflowed = false;
      this.pending.clear();
      return;
    }
    for (const [versionKey, keys] of this.pending) {
      await this.tier.invalidate(versionKey, [...keys]);
      this.pending.delete(versionKey);
    }
  }

  stop() {
    this.probing = false;
    clearInterval(this.watchdog);
  }
}
