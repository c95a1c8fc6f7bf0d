import { RiskInputError } from "../errors.ts";
import type { Rate, Returns } from "./types.ts";

/** Mean of the non-NaN values; NaN when there are none. */
export function nanMean(values: Returns): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (!Number.isNaN(value)) {
      sum += value;
      count++;
    }
  }
  return count === 0 ? Number.NaN : sum / count;
}

export function validCount(values: Returns): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) count++;
  return count;
}

/**
 * Standard deviation of the non-NaN values with `ddof` degrees of freedom removed, in two
 * passes (mean first, then squared deviations), which keeps small variances of large values
 * exact where E[x²] − E[x]² cancels. A series of equal values has exactly 0. NaN when
 * count ≤ ddof.
 */
export function nanStd(values: Returns, ddof = 1): number {
  let sum = 0;
  let count = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (Number.isNaN(value)) continue;
    sum += value;
    count++;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (count <= ddof) return Number.NaN;
  if (min === max) return 0;
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (!Number.isNaN(value)) squares += (value - mean) * (value - mean);
  }
  return Math.sqrt(squares / (count - ddof));
}

/** returns − rate, element by element; a rate series must be as long as the returns. */
export function subtractRate(returns: Returns, rate: Rate, name: string): Float64Array {
  const out = new Float64Array(returns.length);
  if (typeof rate === "number") {
    for (let i = 0; i < returns.length; i++) out[i] = (returns[i] as number) - rate;
    return out;
  }
  assertSameLength(returns, rate, name);
  for (let i = 0; i < returns.length; i++) out[i] = (returns[i] as number) - (rate[i] as number);
  return out;
}

export function assertSameLength(returns: Returns, other: ArrayLike<unknown>, name: string) {
  if (other.length !== returns.length) {
    throw new RiskInputError(
      "LENGTH_MISMATCH",
      `${name} has ${other.length} periods but the returns have ${returns.length}`,
    );
  }
}

export function assertPeriodsPerYear(periodsPerYear: number) {
  if (!(periodsPerYear > 0) || !Number.isFinite(periodsPerYear)) {
    throw new RiskInputError(
      "INVALID_OPTION",
      `periodsPerYear must be a positive number, got ${periodsPerYear}`,
    );
  }
}
