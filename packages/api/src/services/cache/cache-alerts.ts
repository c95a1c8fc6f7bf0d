import { type InstanceView, recentTotals } from "@repo/risk-cache";

/** When the cache page and Prometheus raise an alert (CACHE_ALERT_* in the app's settings). */
export interface CacheAlertThresholds {
  /** An instance whose hit rate over the window is below this (0–1) is alerted on. */
  minHitRate: number;
  /**
   * The hit rate is judged only over at least this many reads in the window: a freshly started
   * instance misses its first reads, and a handful of them says nothing of the cache.
   */
  minReads: number;
  /** An instance with more fallback reads than this over the window is alerted on. */
  maxFallbackReads: number;
}

export const DEFAULT_CACHE_ALERT_THRESHOLDS: CacheAlertThresholds = {
  minHitRate: 0.5,
  minReads: 100,
  maxFallbackReads: 0,
};

/** What each condition is judged over; the example Prometheus rules use the same `[5m]`. */
export const CACHE_ALERT_WINDOW_MS = 5 * 60_000;

export const CACHE_ALERT_CONDITIONS = ["hit_rate_low", "fallback_reads"] as const;
export type CacheAlertCondition = (typeof CACHE_ALERT_CONDITIONS)[number];

export interface CacheAlert {
  condition: CacheAlertCondition;
  instanceId: string;
  /** Reads in the window, and the hit rate or fallback reads the condition is about. */
  reads: number;
  value: number;
}

/**
 * The alerts of one instance over the last window: its hit rate below the threshold (judged
 * only from `minReads` reads, and never over none), or more fallback reads than allowed (Redis
 * unreachable).
 */
export function instanceAlerts(
  instance: InstanceView,
  intervalMs: number,
  thresholds: CacheAlertThresholds,
  now: number,
): CacheAlert[] {
  const totals = recentTotals(instance, intervalMs, CACHE_ALERT_WINDOW_MS, now);
  const alerts: CacheAlert[] = [];
  const judged = totals.reads > 0 && totals.reads >= thresholds.minReads;
  const hitRate = judged ? totals.hits / totals.reads : null;
  if (hitRate !== null && hitRate < thresholds.minHitRate) {
    alerts.push({
      condition: "hit_rate_low",
      instanceId: instance.id,
      reads: totals.reads,
      value: hitRate,
    });
  }
  if (totals.fallbackReads > thresholds.maxFallbackReads) {
    alerts.push({
      condition: "fallback_reads",
      instanceId: instance.id,
      reads: totals.reads,
      value: totals.fallbackReads,
    });
  }
  return alerts;
}
