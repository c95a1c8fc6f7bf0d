import { LRUCache } from "lru-cache";

/** One counter: the attempts counted in its window and the pause it is in (ms since the epoch). */
export interface CounterState {
  count: number;
  windowEndsAt: number;
  pausedUntil: number;
}

/** One attempt to count in `field`, unless `cap` attempts are counted already (its lock). */
export interface Reservation {
  field: string;
  cap: number;
}

/** Counted (`counts`, one per reservation), or refused by the paused or full counter `index`. */
export type ReserveResult =
  | { refused: false; counts: number[] }
  | { refused: true; index: number; state: CounterState };

/** A failure's pause; a lock also keeps the counter's window open until the pause ends. */
export interface PauseRequest {
  field: string;
  until: number;
  lock: boolean;
}

/** An attempt taken back: one fewer in `field`, or the whole counter forgotten. */
export interface Refund {
  field: string;
  forget: boolean;
}

/**
 * Where failed sign-ins are counted: Redis (redis-login-counters.ts) or this process's memory.
 * A key is a group of counters (fields) that one attempt changes together, and each method
 * changes one key in one atomic step, so attempts made at once cannot slip past a counter.
 */
export interface LoginCounters {
  readonly kind: "redis" | "memory";
  /**
   * Counts one attempt in every field, or in none when one of them is paused or at its cap.
   * A window that has ended starts again at zero.
   */
  reserve(
    key: string,
    reservations: readonly Reservation[],
    now: number,
    windowMs: number,
    keepMs: number,
  ): Promise<ReserveResult>;
  /** Starts pauses; a counter that is gone (unlocked meanwhile) stays gone. */
  pause(key: string, pauses: readonly PauseRequest[], keepMs: number): Promise<void>;
  refund(key: string, refunds: readonly Refund[]): Promise<void>;
  read(key: string): Promise<Map<string, CounterState>>;
  /** Forgets every counter of the key: one command, whatever the number of fields. */
  clear(key: string): Promise<void>;
}

/**
 * A key with more counters than this drops those that are over (window ended, not paused) when
 * it gets a new one, so an account tried from ever new addresses does not grow without bound.
 */
export const PRUNE_FIELDS_OVER = 256;

/** The counter as an attempt at `now` finds it: a window that has ended starts again. */
export function currentState(
  state: CounterState | undefined,
  now: number,
  windowMs: number,
): CounterState {
  if (state && state.windowEndsAt > now) return state;
  return { count: 0, windowEndsAt: now + windowMs, pausedUntil: state?.pausedUntil ?? 0 };
}

const isOver = (state: CounterState, now: number) =>
  state.windowEndsAt <= now && state.pausedUntil <= now;

/**
 * The counters of this process alone: the stand-in while Redis does not answer, and the only
 * counters without Redis. Bounded (least recently used keys go first) so a flood of made-up
 * emails cannot fill the memory.
 */
export class MemoryLoginCounters implements LoginCounters {
  readonly kind = "memory";
  private readonly keys = new LRUCache<string, Map<string, CounterState>>({ max: 50_000 });

  async reserve(
    key: string,
    reservations: readonly Reservation[],
    now: number,
    windowMs: number,
    keepMs: number,
  ): Promise<ReserveResult> {
    const fields = this.keys.get(key) ?? new Map<string, CounterState>();
    const states = reservations.map(({ field }) => currentState(fields.get(field), now, windowMs));
    const index = states.findIndex(
      (state, i) => state.pausedUntil > now || state.count >= (reservations[i]?.cap ?? 0),
    );
    const refusing = states[index];
    if (refusing) return { refused: true, index, state: refusing };
    if (fields.size >= PRUNE_FIELDS_OVER) {
      for (const [field, state] of fields) if (isOver(state, now)) fields.delete(field);
    }
    reservations.forEach(({ field }, i) => {
      const state = states[i] as CounterState;
      fields.set(field, { ...state, count: state.count + 1 });
    });
    this.keys.set(key, fields, { ttl: keepMs });
    return { refused: false, counts: states.map((state) => state.count + 1) };
  }

  async pause(key: string, pauses: readonly PauseRequest[], keepMs: number): Promise<void> {
    const fields = this.keys.get(key);
    if (!fields) return;
    for (const { field, until, lock } of pauses) {
      const state = fields.get(field);
      if (!state) continue;
      const pausedUntil = Math.max(state.pausedUntil, until);
      const windowEndsAt = lock ? Math.max(state.windowEndsAt, pausedUntil) : state.windowEndsAt;
      fields.set(field, { count: state.count, windowEndsAt, pausedUntil });
    }
    this.keys.set(key, fields, { ttl: keepMs });
  }

  async refund(key: string, refunds: readonly Refund[]): Promise<void> {
    const fields = this.keys.get(key);
    if (!fields) return;
    for (const { field, forget } of refunds) {
      const state = fields.get(field);
      if (forget) fields.delete(field);
      else if (state) fields.set(field, { ...state, count: Math.max(0, state.count - 1) });
    }
  }

  async read(key: string): Promise<Map<string, CounterState>> {
    return new Map(this.keys.get(key));
  }

  async clear(key: string): Promise<void> {
    this.keys.delete(key);
  }
}
