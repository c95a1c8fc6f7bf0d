import { RiskInputError } from "../errors.ts";
import { inverseNormalCdf } from "./inverse-normal.ts";
import { nanMean, nanStd, validCount } from "./moments.ts";
import { DEFAULT_CONFIDENCE, type Returns } from "./types.ts";

/** A confidence in [0, 1]: at 1 the historical pair is the worst observation, at 0 the best. */
export function assertConfidence(confidence: number) {
  if (!(confidence >= 0 && confidence <= 1)) {
    throw new RiskInputError(
      "INVALID_OPTION",
      `confidence must be between 0 and 1, got ${confidence}`,
    );
  }
}

/**
 * 1 − confidence as the confidence was written: 1 − 0.9 is 0.09999999999999998 in floating
 * point, which would cut the tail of 11 returns at 0.99… of a return and average one fewer than
 * (n − 1)·0.1 = 1 says. Twelve decimals are more than any confidence a profile can hold.
 */
export function tailFraction(confidence: number): number {
  return Math.round((1 - confidence) * 1e12) / 1e12;
}

/** The non-NaN values in ascending order, in a new typed array (one sort serves a VaR family). */
export function sortedValues(values: Returns): Float64Array {
  const sorted = new Float64Array(validCount(values));
  let next = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (!Number.isNaN(value)) sorted[next++] = value;
  }
  return sorted.sort();
}

/** numpy.percentile's default ("linear"): the value at rank (n − 1)·p, interpolated. */
export function quantileOfSorted(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (sorted.length - 1) * p;
  const lower = Math.floor(rank);
  const low = sorted[lower] as number;
  if (lower + 1 >= sorted.length) return low;
  return low + (rank - lower) * ((sorted[lower + 1] as number) - low);
}

/**
 * Mean of the ⌊(n − 1)(1 − confidence)⌋ + 1 smallest values, as empyrical cuts the tail: at
 * confidence 1 the smallest alone, at 0 all of them.
 */
export function lowerTailMeanOfSorted(sorted: Float64Array, confidence: number): number {
  if (sorted.length === 0) return Number.NaN;
  const count = Math.floor((sorted.length - 1) * tailFraction(confidence)) + 1;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += sorted[i] as number;
  return sum / count;
}

/**
 * The return at the (1 − confidence) quantile, linearly interpolated as numpy.percentile does;
 * signed, so a loss is negative. NaN periods are skipped; none left → NaN.
 */
export function historicalVaR(returns: Returns, { confidence = DEFAULT_CONFIDENCE } = {}): number {
  assertConfidence(confidence);
  return quantileOfSorted(sortedValues(returns), tailFraction(confidence));
}

/**
 * Expected shortfall: the mean of the ⌊(n − 1)(1 − confidence)⌋ + 1 smallest returns, never
 * above historicalVaR. NaN periods are skipped; none left → NaN.
 */
export function conditionalVaR(returns: Returns, { confidence = DEFAULT_CONFIDENCE } = {}): number {
  assertConfidence(confidence);
  return lowerTailMeanOfSorted(sortedValues(returns), confidence);
}

/**
 * Gaussian VaR: mean + z(1 − confidence)·std (ddof 1), signed. NaN periods are skipped; under
 * 2 values → NaN; at confidence 1 (z = −∞) −Infinity, at 0 +Infinity.
 */
export function parametricVaR(returns: Returns, { confidence = DEFAULT_CONFIDENCE } = {}): number {
  assertConfidence(confidence);
  if (validCount(returns) < 2) return Number.NaN;
  return nanMean(returns) + inverseNormalCdf(1 - confidence) * nanStd(returns, 1);
}
