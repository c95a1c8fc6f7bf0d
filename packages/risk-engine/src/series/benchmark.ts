import { assertPeriodsPerYear, assertSameLength, subtractRate } from "./moments.ts";
import { DEFAULT_PERIODS_PER_YEAR, type Rate, type Returns } from "./types.ts";

/** Below this the benchmark does not move enough for a beta to mean anything. */
const MIN_BENCHMARK_VARIANCE = 1e-30;

/**
 * cov(r, b) / var(b) with population moments over the periods where both are present, both
 * less the risk-free rate. Under 2 returns → NaN, whatever the benchmark (as empyrical);
 * benchmark variance < 1e-30 → NaN. Otherwise the series must be equally long.
 */
export function beta(returns: Returns, benchmark: Returns, { riskFree = 0 as Rate } = {}): number {
  if (returns.length < 2) return Number.NaN;
  assertSameLength(returns, benchmark, "benchmark");
  return betaOfExcess(
    subtractRate(returns, riskFree, "riskFree"),
    subtractRate(benchmark, riskFree, "riskFree"),
  );
}

function betaOfExcess(returns: Float64Array, benchmark: Float64Array): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i] as number;
    const b = benchmark[i] as number;
    if (Number.isNaN(r) || Number.isNaN(b)) continue;
    sum += b;
    count++;
  }
  if (count === 0) return Number.NaN;
  const benchmarkMean = sum / count;
  let covariance = 0;
  let variance = 0;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i] as number;
    const b = benchmark[i] as number;
    if (Number.isNaN(r) || Number.isNaN(b)) continue;
    const deviation = b - benchmarkMean;
    covariance += deviation * r;
    variance += deviation * deviation;
  }
  variance /= count;
  if (variance < MIN_BENCHMARK_VARIANCE) return Number.NaN;
  return covariance / count / variance;
}

/**
 * Annualised alpha, compounded: (1 + mean(r − rf − β·(b − rf)))^periodsPerYear − 1, with β from
 * `beta`. Under 2 returns (whatever the benchmark) or no beta → NaN.
 */
export function alpha(
  returns: Returns,
  benchmark: Returns,
  { riskFree = 0 as Rate, periodsPerYear = DEFAULT_PERIODS_PER_YEAR } = {},
): number {
  assertPeriodsPerYear(periodsPerYear);
  if (returns.length < 2) return Number.NaN;
  assertSameLength(returns, benchmark, "benchmark");
  const excess = subtractRate(returns, riskFree, "riskFree");
  const benchmarkExcess = subtractRate(benchmark, riskFree, "riskFree");
  const b = betaOfExcess(excess, benchmarkExcess);
  if (Number.isNaN(b)) return Number.NaN;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < excess.length; i++) {
    const residual = (excess[i] as number) - b * (benchmarkExcess[i] as number);
    if (Number.isNaN(residual)) continue;
    sum += residual;
    count++;
  }
  if (count === 0) return Number.NaN;
  return (1 + sum / count) ** periodsPerYear - 1;
}
