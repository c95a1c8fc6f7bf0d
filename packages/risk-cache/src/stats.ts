import { build, type Histogram } from "hdr-histogram-js";

export interface KindCounters {
  hits: number;
  misses: number;
  staleServes: number;
  errors: number;
  computations: number;
  /** Computations started ahead of expiry by a read that was served the cached value. */
  refreshes: number;
}

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface CacheStatsSnapshot<K extends string = string> {
  kinds: Record<K, KindCounters & { hitRate: number }>;
  hitRate: number;
  readLatency: LatencySummary;
  computeLatency: LatencySummary;
  leaseWaits: number;
  rejectedStaleSets: number;
  fallbackReads: number;
  invalidations: number;
  invalidationAckTimeouts: number;
}

const emptyCounters = (): KindCounters => ({
  hits: 0,
  misses: 0,
  staleServes: 0,
  errors: 0,
  computations: 0,
  refreshes: 0,
});

/** Microsecond histograms (HdrHistogram, 3 significant digits) up to one minute. */
function latencyHistogram(): Histogram {
  return build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
}

function summarise(histogram: Histogram): LatencySummary {
  const at = (percentile: number) => histogram.getValueAtPercentile(percentile) / 1_000;
  return { count: histogram.totalCount, p50Ms: at(50), p95Ms: at(95), p99Ms: at(99) };
}

/** Counters and latency histograms of one cache instance; cheap enough for every read. */
export class CacheStats<K extends string = string> {
  private readonly counters: Map<K, KindCounters>;
  private readonly reads = latencyHistogram();
  private readonly computes = latencyHistogram();
  /** The reads histogram as it was at the last `readLatencySinceLastCall`, and a scratch one. */
  private readonly readsBefore = latencyHistogram();
  private readonly readsBetween = latencyHistogram();
  leaseWaits = 0;
  rejectedStaleSets = 0;
  fallbackReads = 0;
  invalidations = 0;
  invalidationAckTimeouts = 0;

  constructor(kinds: readonly K[]) {
    this.counters = new Map(kinds.map((kind) => [kind, emptyCounters()]));
  }

  count(kind: string, counter: keyof KindCounters) {
    (this.counters.get(kind as K) as KindCounters)[counter]++;
  }

  recordRead(startedAt: number) {
    this.reads.recordValue(Math.max(1, Math.round((performance.now() - startedAt) * 1_000)));
  }

  recordCompute(startedAt: number) {
    this.computes.recordValue(Math.max(1, Math.round((performance.now() - startedAt) * 1_000)));
  }

  /**
   * Read latency of the reads made since the previous call (the histogram's growth since then):
   * a series of these shows a slow minute that percentiles since the start would bury.
   */
  readLatencySinceLastCall(): LatencySummary {
    this.readsBetween.reset();
    this.readsBetween.add(this.reads);
    this.readsBetween.subtract(this.readsBefore);
    this.readsBefore.reset();
    this.readsBefore.add(this.reads);
    return summarise(this.readsBetween);
  }

  snapshot(): CacheStatsSnapshot<K> {
    let hits = 0;
    let reads = 0;
    const kinds = {} as CacheStatsSnapshot<K>["kinds"];
    for (const [kind, counters] of this.counters) {
      const served = counters.hits + counters.staleServes;
      const total = served + counters.misses;
      hits += served;
      reads += total;
      kinds[kind] = { ...counters, hitRate: total === 0 ? 0 : served / total };
    }
    return {
      kinds,
      hitRate: reads === 0 ? 0 : hits / reads,
      readLatency: summarise(this.reads),
      computeLatency: summarise(this.computes),
      leaseWaits: this.leaseWaits,
      rejectedStaleSets: this.rejectedStaleSets,
      fallbackReads: this.fallbackReads,
      invalidations: this.invalidations,
      invalidationAckTimeouts: this.invalidationAckTimeouts,
    };
  }
}
