/** The pause sign-in takes after the `failures`-th failure a counter has counted in its window. */
export interface PauseStep {
  failures: number;
  pauseSeconds: number;
}

/**
 * What failed sign-ins cost. Every attempt meets three counters, each with its own steps; a
 * counter's last step is its lock, and the failure just before it carries a warning.
 */
export interface LoginLimits {
  /** A counter forgets its failures this long after its first one (or when its lock ends). */
  windowSeconds: number;
  /**
   * One account from one address: its owner mistyping, or someone guessing its password from
   * there. Slows down, then locks, but only from that address, so failures made elsewhere
   * never lock the owner out.
   */
  accountFromAddress: readonly PauseStep[];
  /** One address, whatever the account: password spraying. */
  address: readonly PauseStep[];
  /**
   * One account, whatever the address: a guess spread over many addresses. Much higher than
   * the others, since it pauses the owner too (until it ends or an admin unlocks the account).
   */
  account: readonly PauseStep[];
  /** The longest a sign-in waits for Redis, per call, before counting in memory instead. */
  redisTimeoutMs: number;
  /** After Redis did not answer, how long sign-in counts in memory before asking it again. */
  redisRetryMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  windowSeconds: 900,
  accountFromAddress: [
    { failures: 3, pauseSeconds: 5 },
    { failures: 4, pauseSeconds: 15 },
    { failures: 5, pauseSeconds: 900 },
  ],
  address: [{ failures: 50, pauseSeconds: 900 }],
  account: [{ failures: 100, pauseSeconds: 900 }],
  redisTimeoutMs: 250,
  redisRetryMs: 5_000,
};

/** The three counters, in the order an attempt's outcome is reported. */
export const LOGIN_SCOPES = ["accountFromAddress", "address", "account"] as const;
export type LoginScope = (typeof LOGIN_SCOPES)[number];

/** The step the `failures`-th failure reaches (the one with the most failures at most that). */
export function stepAt(steps: readonly PauseStep[], failures: number): PauseStep | undefined {
  let reached: PauseStep | undefined;
  for (const step of steps) {
    if (step.failures <= failures && step.failures > (reached?.failures ?? 0)) reached = step;
  }
  return reached;
}

/** The lock: the step with the most failures. Attempts beyond it are never checked. */
export function lockStep(steps: readonly PauseStep[]): PauseStep | undefined {
  return stepAt(steps, Number.POSITIVE_INFINITY);
}

/**
 * How long a counter must be kept: its window or its longest pause, whichever is longer, so
 * neither ends before the counter is forgotten.
 */
export function keepMs(limits: LoginLimits): number {
  const pauses = LOGIN_SCOPES.flatMap((scope) => limits[scope].map((step) => step.pauseSeconds));
  return Math.max(limits.windowSeconds, ...pauses) * 1000;
}
