/** When deliveries are retried and when they are given up (config: ALERT_DELIVERY_*). */
export interface RetrySchedule {
  /** The wait after the first failed attempt; each further failure doubles it. */
  baseDelayMs: number;
  /** The longest wait between two attempts. */
  maxDelayMs: number;
  /** Attempts before a delivery is given up (FAILED). */
  maxAttempts: number;
  /** Age after which a failing delivery is given up, however few attempts it had. */
  maxAgeMs: number;
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = {
  baseDelayMs: 10_000,
  maxDelayMs: 60 * 60 * 1000,
  maxAttempts: 15,
  maxAgeMs: 24 * 60 * 60 * 1000,
};

/**
 * The wait after the `attempts`-th failed attempt: exponential, capped, with jitter (between
 * half and all of it) so many receivers coming back at once are not hit in step.
 */
export function retryDelayMs(
  schedule: RetrySchedule,
  attempts: number,
  random: () => number = Math.random,
): number {
  const full = Math.min(schedule.maxDelayMs, schedule.baseDelayMs * 2 ** (attempts - 1));
  return Math.round(full * (0.5 + random() / 2));
}

/** Whether a delivery that just failed its `attempts`-th attempt is given up. */
export function givesUp(
  schedule: RetrySchedule,
  attempts: number,
  createdAt: Date,
  now: Date,
): boolean {
  return (
    attempts >= schedule.maxAttempts || now.getTime() - createdAt.getTime() >= schedule.maxAgeMs
  );
}
