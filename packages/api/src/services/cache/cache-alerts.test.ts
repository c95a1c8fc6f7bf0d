import type { InstanceSample, InstanceView } from "@repo/risk-cache";
import { describe, expect, it } from "vitest";
import {
  CACHE_ALERT_WINDOW_MS,
  DEFAULT_CACHE_ALERT_THRESHOLDS,
  instanceAlerts,
} from "./cache-alerts.ts";

const INTERVAL_MS = 10_000;
const STARTED = 1_000_000;

/** An instance that started at STARTED and reported these counters every interval. */
function instance(counters: Partial<InstanceSample>[]): InstanceView {
  const series = counters.map((sample, i) => ({
    at: STARTED + i * INTERVAL_MS,
    reads: 0,
    hits: 0,
    fallbackReads: 0,
    readP50Ms: 0.1,
    readP99Ms: 1,
    usedMemoryBytes: null,
    ...sample,
  }));
  const last = series.at(-1) as InstanceSample;
  return {
    id: "a",
    host: "h",
    pid: 1,
    startedAt: STARTED,
    lastSeen: last.at,
    fallback: false,
    figures: {
      reads: last.reads,
      hits: last.hits,
      misses: last.reads - last.hits,
      errors: 0,
      computations: 0,
      fallbackReads: last.fallbackReads,
      invalidations: 0,
      hitRate: last.reads ? last.hits / last.reads : 0,
      readLatency: { count: last.reads, p50Ms: 0.1, p95Ms: 0.5, p99Ms: 1 },
    },
    series,
  };
}

const thresholds = { minHitRate: 0.5, minReads: 1, maxFallbackReads: 0 };
const at = (i: number) => STARTED + i * INTERVAL_MS;

describe("instanceAlerts", () => {
  it("raises a low hit rate over the window, not over the instance's life", async () => {
    // 90 hits of 100 reads long ago, then 1 of 10 in the window.
    const a = instance([{}, { reads: 100, hits: 90 }, { reads: 110, hits: 91 }]);
    const now = at(1) + CACHE_ALERT_WINDOW_MS;
    expect(instanceAlerts(a, INTERVAL_MS, thresholds, now)).toEqual([
      { condition: "hit_rate_low", instanceId: "a", reads: 10, value: 0.1 },
    ]);
    expect(instanceAlerts(a, INTERVAL_MS, thresholds, at(2))).toEqual([]);
  });

  it("says nothing of the hit rate of an instance that read nothing", () => {
    expect(instanceAlerts(instance([{}, {}]), INTERVAL_MS, thresholds, at(1))).toEqual([]);
  });

  it("judges the hit rate only from the floor of reads in the window", () => {
    const { minReads } = DEFAULT_CACHE_ALERT_THRESHOLDS;
    // A cold instance: every read in the window a miss.
    const cold = (reads: number) => instance([{}, { reads }]);
    const floor = { ...thresholds, minReads };
    expect(instanceAlerts(cold(minReads - 1), INTERVAL_MS, floor, at(1))).toEqual([]);
    expect(instanceAlerts(cold(minReads), INTERVAL_MS, floor, at(1))).toEqual([
      { condition: "hit_rate_low", instanceId: "a", reads: minReads, value: 0 },
    ]);
  });

  it("raises fallback reads above the threshold, however few the reads", () => {
    // 10 misses: below the floor of the hit rate, which does not apply to fallback reads.
    const a = instance([{}, { reads: 10, hits: 0, fallbackReads: 3 }]);
    const floor = { ...thresholds, minReads: 11 };
    expect(instanceAlerts(a, INTERVAL_MS, floor, at(1))).toEqual([
      { condition: "fallback_reads", instanceId: "a", reads: 10, value: 3 },
    ]);
    expect(instanceAlerts(a, INTERVAL_MS, { ...floor, maxFallbackReads: 3 }, at(1))).toEqual([]);
  });
});
