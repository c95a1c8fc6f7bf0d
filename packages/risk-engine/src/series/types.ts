/** Simple per-period returns, oldest first; NaN marks a missing period. */
export type Returns = ArrayLike<number>;

/** A per-period rate: one number for every period, or a series as long as the returns. */
export type Rate = number | ArrayLike<number>;

export const DEFAULT_PERIODS_PER_YEAR = 252;
export const DEFAULT_CONFIDENCE = 0.95;
