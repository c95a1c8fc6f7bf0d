import autocannon from "autocannon";
import * as hdr from "hdr-histogram-js";

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export type LatencyHistogram = hdr.Histogram;

/** Response times in microseconds, up to a minute. */
export function latencyHistogram(): LatencyHistogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000 });
}

/**
 * Drives one URL with autocannon and records every response time in an HDR histogram, since
 * autocannon's own summary has no p95. Pass `histogram` to add this run's times to earlier
 * runs' (the percentiles returned are then over all of them).
 */
export async function load(options: {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
  histogram?: LatencyHistogram;
}): Promise<LoadResult> {
  const histogram = options.histogram ?? latencyHistogram();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSeconds,
        headers: options.headers ?? {},
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      histogram.recordValue(Math.max(1, Math.round(responseTime * 1_000)));
    });
  });
  const ms = (percentile: number) => histogram.getValueAtPercentile(percentile) / 1_000;
  return {
    requestsPerSecond: result.requests.average,
    p50: ms(50),
    p95: ms(95),
    p99: ms(99),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
