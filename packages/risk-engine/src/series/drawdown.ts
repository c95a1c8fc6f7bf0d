import { validCount } from "./moments.ts";
import type { Returns } from "./types.ts";

/**
 * The deepest fall of the equity curve from its running peak, as a fraction in [−1, 0]. The
 * curve starts at 1 before the first return, so a first-day loss counts. NaN periods are flat.
 * Empty or no period known (every return NaN, as when NAV ≤ 0) → NaN: no drawdown is known,
 * which is not a drawdown of 0.
 */
export function maxDrawdown(returns: Returns): number {
  if (validCount(returns) === 0) return Number.NaN;
  let equity = 1;
  let peak = 1;
  let deepest = 0;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i] as number;
    if (Number.isNaN(r)) continue;
    equity *= 1 + r;
    if (equity > peak) peak = equity;
    const drawdown = equity / peak - 1;
    if (drawdown < deepest) deepest = drawdown;
  }
  return deepest;
}

/**
 * The equity curve (starting at 1, one point longer than the returns) and its drawdown from the
 * running peak at every point, for charts. NaN periods are flat.
 */
export function equityAndDrawdown(returns: Returns): {
  equity: Float64Array;
  drawdown: Float64Array;
} {
  const equity = new Float64Array(returns.length + 1);
  const drawdown = new Float64Array(returns.length + 1);
  let value = 1;
  let peak = 1;
  equity[0] = 1;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i] as number;
    if (!Number.isNaN(r)) value *= 1 + r;
    if (value > peak) peak = value;
    equity[i + 1] = value;
    drawdown[i + 1] = value / peak - 1;
  }
  return { equity, drawdown };
}
