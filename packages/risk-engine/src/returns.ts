/** Simple per-period returns; NaN marks a missing period. */
export type Returns = readonly number[];

/**
 * prod(1 + r) − 1, times `startingValue` when that is not 0 (then the final value, not the
 * return). NaN periods count as 0; an empty series has no return (NaN).
 */
export function cumulativeReturn(returns: Returns, { startingValue = 0 } = {}): number {
  if (returns.length === 0) return Number.NaN;
  let growth = 1;
  for (const r of returns) if (!Number.isNaN(r)) growth *= 1 + r;
  return startingValue === 0 ? growth - 1 : growth * startingValue;
}

/**
 * The deepest fall from a running peak of the equity curve, as a fraction ≤ 0. The curve starts
 * at 1 before the first return, so a loss on the first day counts. NaN periods are skipped;
 * an empty series gives NaN.
 */
export function maxDrawdown(returns: Returns): number {
  if (returns.length === 0) return Number.NaN;
  let equity = 1;
  let peak = 1;
  let deepest = 0;
  for (const r of returns) {
    if (Number.isNaN(r)) continue;
    equity *= 1 + r;
    if (equity > peak) peak = equity;
    const drawdown = equity / peak - 1;
    if (drawdown < deepest) deepest = drawdown;
  }
  return deepest;
}
