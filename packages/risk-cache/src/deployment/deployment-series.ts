import type { InstanceReport, InstanceSample } from "./instance-report.ts";

/** An instance as the deployment's reader sees it: its latest report and its last hour. */
export interface InstanceView extends InstanceReport {
  /** Oldest first. */
  series: InstanceSample[];
}

/** What happened in one interval of one instance (or, summed, of the deployment). */
export interface IntervalPoint {
  /** ms since the epoch: the end of the interval. */
  at: number;
  reads: number;
  hits: number;
  fallbackReads: number;
  /** null when no read was made in the interval. */
  hitRate: number | null;
  /** Of the reads in the interval; null when there were none. */
  readP50Ms: number | null;
  readP99Ms: number | null;
  usedMemoryBytes: number | null;
}

const ZERO = { reads: 0, hits: 0, fallbackReads: 0 };

/**
 * The intervals between an instance's samples. The first sample counts from zero when it was
 * taken at the instance's start (it reports at once); after an hour the oldest samples are gone
 * and the first one left is only a baseline.
 */
export function intervalsOf(instance: InstanceView, intervalMs: number): IntervalPoint[] {
  const points: IntervalPoint[] = [];
  const [first] = instance.series;
  if (!first) return points;
  let previous = first.at - instance.startedAt < intervalMs ? ZERO : first;
  for (const sample of previous === ZERO ? instance.series : instance.series.slice(1)) {
    const reads = sample.reads - previous.reads;
    const hits = sample.hits - previous.hits;
    points.push({
      at: sample.at,
      reads,
      hits,
      fallbackReads: sample.fallbackReads - previous.fallbackReads,
      hitRate: reads > 0 ? hits / reads : null,
      readP50Ms: sample.readP50Ms,
      readP99Ms: sample.readP99Ms,
      usedMemoryBytes: sample.usedMemoryBytes,
    });
    previous = sample;
  }
  return points;
}

/**
 * The deployment's series: every instance's intervals put in buckets of `intervalMs` and summed
 * (reads, hits, fallback reads; the hit rate of the sums). Percentiles cannot be added: a
 * bucket has the slowest instance's. Every instance measures the same Redis: the largest
 * measure of its memory in a bucket stands for it.
 */
export function deploymentSeries(
  instances: readonly InstanceView[],
  intervalMs: number,
): IntervalPoint[] {
  const buckets = new Map<number, IntervalPoint>();
  for (const instance of instances) {
    for (const point of intervalsOf(instance, intervalMs)) {
      const at = Math.ceil(point.at / intervalMs) * intervalMs;
      const bucket = buckets.get(at);
      buckets.set(at, bucket ? combine(bucket, point) : { ...point, at });
    }
  }
  return [...buckets.values()].sort((a, b) => a.at - b.at);
}

/** The larger of two measures, either of which may be missing. */
function larger(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.max(a, b);
}

function combine(bucket: IntervalPoint, point: IntervalPoint): IntervalPoint {
  const reads = bucket.reads + point.reads;
  const hits = bucket.hits + point.hits;
  return {
    at: bucket.at,
    reads,
    hits,
    fallbackReads: bucket.fallbackReads + point.fallbackReads,
    hitRate: reads > 0 ? hits / reads : null,
    readP50Ms: larger(bucket.readP50Ms, point.readP50Ms),
    readP99Ms: larger(bucket.readP99Ms, point.readP99Ms),
    usedMemoryBytes: larger(bucket.usedMemoryBytes, point.usedMemoryBytes),
  };
}

/** An instance's intervals that ended in the last `windowMs` before `now`, summed. */
export function recentTotals(
  instance: InstanceView,
  intervalMs: number,
  windowMs: number,
  now: number,
): { reads: number; hits: number; fallbackReads: number } {
  const totals = { ...ZERO };
  for (const point of intervalsOf(instance, intervalMs)) {
    if (point.at <= now - windowMs) continue;
    totals.reads += point.reads;
    totals.hits += point.hits;
    totals.fallbackReads += point.fallbackReads;
  }
  return totals;
}
