/** Where a read's value came from. */
export type CacheSource = "memory" | "redis" | "computed" | "stale";

export interface Freshness {
  source: CacheSource;
  asOf: Date;
  ageMs: number;
}

export interface CacheRead<T> {
  value: T;
  freshness: Freshness;
}

/** The freshness of a value stored at `asOf` (ms since the epoch), as of now. */
export function freshness(source: CacheSource, asOf: number): Freshness {
  return { source, asOf: new Date(asOf), ageMs: Math.max(0, Date.now() - asOf) };
}

/** The freshness of an in-process hit, on the monotonic clock the hit was timed with. */
export function memoryFreshness(entry: { asOf: Date; asOfMs: number }, nowMs: number): Freshness {
  return { source: "memory", asOf: entry.asOf, ageMs: Math.max(0, nowMs - entry.asOfMs) };
}
