import { createHash } from "node:crypto";
import type { RedisClient } from "@repo/risk-cache";
import {
  type CounterState,
  currentState,
  type LoginCounters,
  MemoryLoginCounters,
  type Refund,
  type Reservation,
} from "./login-counters.ts";
import {
  DEFAULT_LOGIN_LIMITS,
  keepMs,
  type LoginLimits,
  type LoginScope,
  lockStep,
  stepAt,
} from "./login-limits.ts";
import { RedisLoginCounters } from "./redis-login-counters.ts";

/** A pause of sign-in: which counter started it, how long is left, and whether it is a lock. */
export interface LoginPause {
  scope: LoginScope;
  seconds: number;
  lock: boolean;
}

/** One sign-in attempt, counted before the password is checked; settle it with the limiter. */
export interface LoginAttempt {
  /** Sign-in is paused: nothing was counted, and the password must not be checked. */
  readonly refused: LoginPause | null;
  /** @internal What was counted, where: settling changes the same counters. */
  readonly counted: readonly Counted[];
}

/** What a failed attempt brought about, for the words the person is told. */
export interface FailureOutcome {
  /** The pause this failure started (the longest, when several did); null when none did. */
  pause: LoginPause | null;
  /** The lock the next failure would start, so the person can be warned before it. */
  lockOnNextFailure: LoginPause | null;
}

/** An account's sign-in as its admin sees it. */
export interface SignInState {
  /** Failed sign-ins counted across every address in the current window. */
  failedAttempts: number;
  /** Addresses sign-in to the account is paused from (slowed down or locked) right now. */
  pausedAddresses: number;
  /** Whether one of those pauses is a lock rather than a short slow-down. */
  locked: boolean;
  /** Paused from every address: the account's own ceiling was reached. */
  pausedEverywhere: boolean;
  /** When the last pause ends; null when nothing is paused. */
  pausedUntil: Date | null;
}

/** An account nobody has failed to sign in to lately. */
export const NO_FAILED_SIGN_INS: Readonly<SignInState> = {
  failedAttempts: 0,
  pausedAddresses: 0,
  locked: false,
  pausedEverywhere: false,
  pausedUntil: null,
};

export interface LoginLimiter {
  attempt(email: string, address: string, now: Date): Promise<LoginAttempt>;
  /** The password was wrong (or the account unknown or inactive): pauses follow the counts. */
  failed(attempt: LoginAttempt, now: Date): Promise<FailureOutcome>;
  /** Signed in: the attempt is taken back and the account's count from that address forgotten. */
  succeeded(attempt: LoginAttempt): Promise<void>;
  /** The password could not be checked (the database is away): the attempt is taken back. */
  withdrawn(attempt: LoginAttempt): Promise<void>;
  state(email: string, now: Date): Promise<SignInState>;
  /**
   * Forgets the account's failures from every address, in Redis (one DEL) and in this
   * instance's memory. Rejects when Redis does not answer: the other instances would not see it.
   */
  unlock(email: string): Promise<void>;
}

interface Counted {
  key: string;
  counters: LoginCounters;
  fields: { field: string; scope: LoginScope; count: number }[];
}

/** The account-wide counter's field; a counter per address is `from:<address digest>`. */
const EVERY_ADDRESS = "all";

/**
 * Emails and addresses appear in keys only as digests: keys of a bounded length, and no email
 * in Redis (which holds no personal data).
 */
const digest = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 22);
const accountKeyOf = (email: string) => digest(email.trim().toLowerCase());

/** Resolves with `promise`, or rejects once `ms` have passed without an answer. */
function withinDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Failed sign-ins counted per account from one address, per address and per account, in Redis
 * when there is one so every instance shares the counts. An attempt is counted before its
 * password is checked and taken back when it succeeds, so attempts fired at once cannot slip
 * past a lock. Every Redis call has a deadline: when Redis does not answer in time, or is
 * down, the attempt is counted in this instance's memory, and Redis is left alone for a while.
 *
 * An account's counters are the fields of one Redis hash, whatever the address, so unlocking
 * is one DEL and reading its state one HGETALL; an address's own counter is a key of its own.
 */
export function createLoginLimiter(
  redis: RedisClient | null,
  limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
  keyPrefix = "rd:login",
): LoginLimiter {
  const memory = new MemoryLoginCounters();
  const shared = redis ? new RedisLoginCounters(redis) : null;
  const windowMs = limits.windowSeconds * 1000;
  const keep = keepMs(limits);
  let redisAwayUntil = 0;

  /** `use` on Redis within the deadline, else on this instance's memory. */
  async function onCounters<T>(
    use: (counters: LoginCounters) => Promise<T>,
  ): Promise<{ value: T; counters: LoginCounters }> {
    if (shared && Date.now() >= redisAwayUntil) {
      try {
        return {
          value: await withinDeadline(use(shared), limits.redisTimeoutMs),
          counters: shared,
        };
      } catch {
        redisAwayUntil = Date.now() + limits.redisRetryMs;
      }
    }
    return { value: await use(memory), counters: memory };
  }

  /** Settles on the counters that counted; a Redis that does not answer loses the change. */
  const settle = (counters: LoginCounters, change: (counters: LoginCounters) => Promise<void>) =>
    counters === memory
      ? change(memory)
      : withinDeadline(change(counters), limits.redisTimeoutMs).catch(() => {});

  const accountKey = (email: string) => `${keyPrefix}:account:${accountKeyOf(email)}`;
  const addressKey = (address: string) => `${keyPrefix}:address:${digest(address)}`;
  const fromField = (address: string) => `from:${digest(address)}`;

  const pauseOf = (scope: LoginScope, state: CounterState, nowMs: number): LoginPause => {
    const lock = lockStep(limits[scope]);
    const paused = state.pausedUntil > nowMs;
    // At its cap without a pause: attempts of a burst are still being checked. A moment.
    const until = paused ? state.pausedUntil : nowMs + 1000;
    return {
      scope,
      seconds: Math.ceil((until - nowMs) / 1000),
      lock: paused && lock !== undefined && state.count >= lock.failures,
    };
  };

  /** Counts the attempt on one key's counters, or says which of them refused it. */
  async function reserve(
    key: string,
    scopes: { field: string; scope: LoginScope }[],
    nowMs: number,
  ): Promise<{ counted: Counted } | { refused: LoginPause }> {
    const reservations: Reservation[] = scopes.map(({ field, scope }) => ({
      field,
      cap: lockStep(limits[scope])?.failures ?? Number.MAX_SAFE_INTEGER,
    }));
    const { value, counters } = await onCounters((c) =>
      c.reserve(key, reservations, nowMs, windowMs, keep),
    );
    if (value.refused) {
      const scope = scopes[value.index]?.scope ?? "account";
      return { refused: pauseOf(scope, value.state, nowMs) };
    }
    const fields = scopes.map((s, i) => ({ ...s, count: value.counts[i] ?? 0 }));
    return { counted: { key, counters, fields } };
  }

  /** Takes the attempt back; `forgetPair` also forgets the account's count from the address. */
  const takeBack = (attempt: LoginAttempt, forgetPair: boolean) =>
    Promise.all(
      attempt.counted.map(({ key, counters, fields }) => {
        const refunds: Refund[] = fields.map(({ field, scope }) => ({
          field,
          forget: forgetPair && scope === "accountFromAddress",
        }));
        return settle(counters, (c) => c.refund(key, refunds));
      }),
    );

  return {
    async attempt(email, address, now) {
      const nowMs = now.getTime();
      // The address first: an address that is paused adds nothing to the account's counts,
      // so one address cannot push an account towards its own ceiling.
      const byAddress = await reserve(
        addressKey(address),
        [{ field: EVERY_ADDRESS, scope: "address" }],
        nowMs,
      );
      if ("refused" in byAddress) return { refused: byAddress.refused, counted: [] };
      const byAccount = await reserve(
        accountKey(email),
        [
          { field: fromField(address), scope: "accountFromAddress" },
          { field: EVERY_ADDRESS, scope: "account" },
        ],
        nowMs,
      );
      if ("refused" in byAccount) {
        await takeBack({ refused: null, counted: [byAddress.counted] }, false);
        return { refused: byAccount.refused, counted: [] };
      }
      return { refused: null, counted: [byAddress.counted, byAccount.counted] };
    },

    async failed(attempt, now) {
      const nowMs = now.getTime();
      let pause: LoginPause | null = null;
      let lockOnNextFailure: LoginPause | null = null;
      const longer = (a: LoginPause | null, b: LoginPause) => (a && a.seconds >= b.seconds ? a : b);
      await Promise.all(
        attempt.counted.map(({ key, counters, fields }) => {
          const pauses = fields.flatMap(({ field, scope, count }) => {
            const lock = lockStep(limits[scope]);
            if (lock && count + 1 === lock.failures) {
              lockOnNextFailure = longer(lockOnNextFailure, {
                scope,
                seconds: lock.pauseSeconds,
                lock: true,
              });
            }
            const step = stepAt(limits[scope], count);
            if (!step) return [];
            const isLock = step === lock;
            pause = longer(pause, { scope, seconds: step.pauseSeconds, lock: isLock });
            return [{ field, until: nowMs + step.pauseSeconds * 1000, lock: isLock }];
          });
          return settle(counters, (c) => c.pause(key, pauses, keep));
        }),
      );
      return { pause, lockOnNextFailure };
    },

    async succeeded(attempt) {
      await takeBack(attempt, true);
    },

    async withdrawn(attempt) {
      await takeBack(attempt, false);
    },

    async state(email, now) {
      const nowMs = now.getTime();
      const { value: fields } = await onCounters((c) => c.read(accountKey(email)));
      const lock = lockStep(limits.accountFromAddress);
      const state: SignInState = { ...NO_FAILED_SIGN_INS };
      let until = 0;
      for (const [field, stored] of fields) {
        const paused = stored.pausedUntil > nowMs;
        if (paused) until = Math.max(until, stored.pausedUntil);
        if (field === EVERY_ADDRESS) {
          state.failedAttempts = currentState(stored, nowMs, windowMs).count;
          state.pausedEverywhere = paused;
          state.locked ||= paused;
        } else if (paused) {
          state.pausedAddresses++;
          state.locked ||= lock !== undefined && stored.count >= lock.failures;
        }
      }
      state.pausedUntil = until > 0 ? new Date(until) : null;
      return state;
    },

    async unlock(email) {
      const key = accountKey(email);
      await memory.clear(key);
      if (shared) await withinDeadline(shared.clear(key), limits.redisTimeoutMs);
    },
  };
}
