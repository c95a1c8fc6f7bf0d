import { maxDrawdown } from "./drawdown.ts";
import { assertPeriodsPerYear, nanMean, nanStd, subtractRate, validCount } from "./moments.ts";
import { annualReturn } from "./returns.ts";
import { DEFAULT_PERIODS_PER_YEAR, type Rate, type Returns } from "./types.ts";

/**
 * mean(r − rf) / std(r − rf, ddof 1) × √periodsPerYear, rf per period. Under 2 values → NaN;
 * zero deviation: +Infinity for a positive mean, −Infinity for a negative one, NaN for zero.
 */
export function sharpeRatio(
  returns: Returns,
  { riskFree = 0 as Rate, periodsPerYear = DEFAULT_PERIODS_PER_YEAR } = {},
): number {
  assertPeriodsPerYear(periodsPerYear);
  const excess = subtractRate(returns, riskFree, "riskFree");
  if (validCount(excess) < 2) return Number.NaN;
  return (nanMean(excess) / nanStd(excess, 1)) * Math.sqrt(periodsPerYear);
}

/**
 * √mean(min(r − MAR, 0)²) × √periodsPerYear over the non-NaN periods. No values → NaN;
 * nothing below the required return → 0.
 */
export function downsideRisk(
  returns: Returns,
  { requiredReturn = 0 as Rate, periodsPerYear = DEFAULT_PERIODS_PER_YEAR } = {},
): number {
  assertPeriodsPerYear(periodsPerYear);
  const excess = subtractRate(returns, requiredReturn, "requiredReturn");
  let squares = 0;
  let count = 0;
  for (let i = 0; i < excess.length; i++) {
    const value = excess[i] as number;
    if (Number.isNaN(value)) continue;
    const shortfall = Math.min(value, 0);
    squares += shortfall * shortfall;
    count++;
  }
  if (count === 0) return Number.NaN;
  return Math.sqrt(squares / count) * Math.sqrt(periodsPerYear);
}

/**
 * mean(r − MAR) × periodsPerYear / downsideRisk. Under 2 values → NaN; no downside: +Infinity
 * for a positive mean, NaN for zero.
 */
export function sortinoRatio(
  returns: Returns,
  { requiredReturn = 0 as Rate, periodsPerYear = DEFAULT_PERIODS_PER_YEAR } = {},
): number {
  assertPeriodsPerYear(periodsPerYear);
  const excess = subtractRate(returns, requiredReturn, "requiredReturn");
  if (validCount(excess) < 2) return Number.NaN;
  const annualExcess = nanMean(excess) * periodsPerYear;
  return annualExcess / downsideRisk(returns, { requiredReturn, periodsPerYear });
}

/** annualReturn / |maxDrawdown|. NaN when there is no drawdown or the ratio is not finite. */
export function calmarRatio(
  returns: Returns,
  { periodsPerYear = DEFAULT_PERIODS_PER_YEAR } = {},
): number {
  const drawdown = maxDrawdown(returns);
  if (!(drawdown < 0)) return Number.NaN;
  const ratio = annualReturn(returns, { periodsPerYear }) / Math.abs(drawdown);
  return Number.isFinite(ratio) ? ratio : Number.NaN;
}
