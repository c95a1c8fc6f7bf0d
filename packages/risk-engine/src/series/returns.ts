import { assertPeriodsPerYear, nanStd, validCount } from "./moments.ts";
import { DEFAULT_PERIODS_PER_YEAR, type Returns } from "./types.ts";

/**
 * prod(1 + r) − 1; times `startingValue` when that is not 0 (then the ending value instead of
 * a return). NaN periods count as 0. Empty → NaN.
 */
export function cumulativeReturn(returns: Returns, { startingValue = 0 } = {}): number {
  if (returns.length === 0) return Number.NaN;
  let growth = 1;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i] as number;
    if (!Number.isNaN(r)) growth *= 1 + r;
  }
  return startingValue === 0 ? growth - 1 : growth * startingValue;
}

/**
 * Geometric annual growth: prod(1 + r)^(periodsPerYear / n) − 1, where n counts every period,
 * NaN ones included. Empty → NaN; a total loss beyond −100 % → NaN.
 */
export function annualReturn(
  returns: Returns,
  { periodsPerYear = DEFAULT_PERIODS_PER_YEAR } = {},
): number {
  assertPeriodsPerYear(periodsPerYear);
  if (returns.length === 0) return Number.NaN;
  const endingValue = cumulativeReturn(returns, { startingValue: 1 });
  return endingValue ** (periodsPerYear / returns.length) - 1;
}

/** Sample standard deviation (ddof 1, NaN skipped) × √periodsPerYear. Under 2 values → NaN. */
export function annualVolatility(
  returns: Returns,
  { periodsPerYear = DEFAULT_PERIODS_PER_YEAR } = {},
): number {
  assertPeriodsPerYear(periodsPerYear);
  if (validCount(returns) < 2) return Number.NaN;
  return nanStd(returns, 1) * Math.sqrt(periodsPerYear);
}
