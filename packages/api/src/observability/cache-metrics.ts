import type { CacheSnapshot, RiskCache } from "@repo/risk-cache";
import { Counter, Gauge, type Registry } from "prom-client";
import {
  CACHE_ALERT_CONDITIONS,
  type CacheAlertThresholds,
  DEFAULT_CACHE_ALERT_THRESHOLDS,
  instanceAlerts,
} from "../services/cache/cache-alerts.ts";

type KindCounters = CacheSnapshot["kinds"][keyof CacheSnapshot["kinds"]];

/**
 * One cache.snapshot() per scrape, shared by every metric below: prom-client collects the
 * metrics of a registry concurrently, and a snapshot in Redis mode pings Redis and reads INFO.
 */
function sharedSnapshot(cache: Pick<RiskCache, "snapshot">): () => Promise<CacheSnapshot> {
  let pending: Promise<CacheSnapshot> | null = null;
  return () => {
    pending ??= cache.snapshot().finally(() => {
      pending = null;
    });
    return pending;
  };
}

/**
 * The cache's own statistics (docs/architecture.md, "The cache's guarantees"), read from cache.snapshot() at scrape time. Counters
 * since the process started are exposed as counters, so rate() applies; ratios, percentiles and
 * Redis's health as gauges. Redis series exist only in Redis mode.
 */
export function registerCacheMetrics(
  registry: Registry,
  cache: Pick<RiskCache, "snapshot" | "thisInstance">,
  thresholds: CacheAlertThresholds = DEFAULT_CACHE_ALERT_THRESHOLDS,
) {
  const snapshot = sharedSnapshot(cache);
  const registers = [registry];

  const perKind = (name: string, help: string, count: (counters: KindCounters) => number) =>
    new Counter({
      name,
      help,
      labelNames: ["kind"] as const,
      registers,
      async collect() {
        const { kinds } = await snapshot();
        this.reset();
        for (const [kind, counters] of Object.entries(kinds)) this.inc({ kind }, count(counters));
      },
    });
  perKind("rd_cache_hits_total", "Cache reads answered fresh, by kind.", (c) => c.hits);
  perKind(
    "rd_cache_misses_total",
    "Cache reads that computed the value, by kind.",
    (c) => c.misses,
  );
  perKind(
    "rd_cache_stale_serves_total",
    "Expired values served while another caller recomputed them, by kind.",
    (c) => c.staleServes,
  );
  perKind("rd_cache_errors_total", "Computations that failed, by kind.", (c) => c.errors);
  perKind(
    "rd_cache_computations_total",
    "Values computed and stored, by kind.",
    (c) => c.computations,
  );

  new Gauge({
    name: "rd_cache_hit_ratio",
    help: "Share of reads served from the cache (fresh or stale), by kind; 0 before any read.",
    labelNames: ["kind"] as const,
    registers,
    async collect() {
      const { kinds } = await snapshot();
      for (const [kind, counters] of Object.entries(kinds)) this.set({ kind }, counters.hitRate);
    },
  });

  const latency = (
    name: string,
    help: string,
    pick: (s: CacheSnapshot) => CacheSnapshot["readLatency"],
  ) =>
    new Gauge({
      name,
      help,
      labelNames: ["quantile"] as const,
      registers,
      async collect() {
        const summary = pick(await snapshot());
        this.set({ quantile: "0.5" }, summary.p50Ms / 1_000);
        this.set({ quantile: "0.95" }, summary.p95Ms / 1_000);
        this.set({ quantile: "0.99" }, summary.p99Ms / 1_000);
      },
    });
  latency(
    "rd_cache_read_latency_seconds",
    "Percentiles of a cache read, hit or miss, since the process started.",
    (s) => s.readLatency,
  );
  latency(
    "rd_cache_compute_latency_seconds",
    "Percentiles of computing a value on a miss, since the process started.",
    (s) => s.computeLatency,
  );

  const total = (name: string, help: string, count: (s: CacheSnapshot) => number) =>
    new Counter({
      name,
      help,
      registers,
      async collect() {
        const value = count(await snapshot());
        this.reset();
        this.inc(value);
      },
    });
  total(
    "rd_cache_lease_waits_total",
    "Reads that waited for another caller's computation of the same key.",
    (s) => s.leaseWaits,
  );
  total(
    "rd_cache_rejected_stale_sets_total",
    "Computed values not stored because an invalidation came first.",
    (s) => s.rejectedStaleSets,
  );
  total(
    "rd_cache_fallback_reads_total",
    "Reads served by the in-memory fallback because Redis was unavailable.",
    (s) => s.fallbackReads,
  );

  const redisGauge = (name: string, help: string, value: (s: CacheSnapshot) => number | null) =>
    new Gauge({
      name,
      help,
      labelNames: ["mode"] as const,
      registers,
      async collect() {
        const current = await snapshot();
        this.reset();
        const measured = current.redis ? value(current) : null;
        if (measured !== null) this.set({ mode: current.mode }, measured);
      },
    });
  redisGauge(
    "rd_cache_redis_connected",
    "1 when Redis answered a ping at scrape time, else 0.",
    (s) => (s.redis?.connected ? 1 : 0),
  );
  redisGauge(
    "rd_cache_fallback",
    "1 while the circuit breaker is open and reads are served from process memory.",
    (s) => (s.fallback ? 1 : 0),
  );
  redisGauge("rd_cache_redis_ping_seconds", "Round trip of a Redis PING at scrape time.", (s) =>
    s.redis?.pingMs == null ? null : s.redis.pingMs / 1_000,
  );
  redisGauge(
    "rd_cache_redis_used_memory_bytes",
    "Redis's used_memory, summed over the masters of a cluster.",
    (s) => s.redis?.usedMemoryBytes ?? null,
  );
  redisGauge(
    "rd_cache_redis_evicted_keys",
    "Redis's evicted_keys since Redis started (maxmemory reached), summed over the masters.",
    (s) => s.redis?.evictedKeys ?? null,
  );
  registerAlertMetrics(registers, cache, thresholds);
}

/**
 * The cache page's alerts, judged by the same code over this instance's own last hour, so a
 * Prometheus rule can alert on exactly what the page shows (docker/prometheus/).
 */
function registerAlertMetrics(
  registers: Registry[],
  cache: Pick<RiskCache, "thisInstance">,
  thresholds: CacheAlertThresholds,
) {
  new Gauge({
    name: "rd_cache_alert",
    help: "1 while the cache page raises this alert for this instance (its last 5 minutes), else 0.",
    labelNames: ["condition"] as const,
    registers,
    collect() {
      const view = cache.thisInstance();
      const [own] = view.instances;
      const raised = new Set(
        own
          ? instanceAlerts(own, view.intervalMs, thresholds, Date.now()).map((a) => a.condition)
          : [],
      );
      for (const condition of CACHE_ALERT_CONDITIONS) {
        this.set({ condition }, raised.has(condition) ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: "rd_cache_alert_threshold",
    help: "The settings the alerts are judged by: lowest hit rate (0-1), most fallback reads in 5 minutes.",
    labelNames: ["condition"] as const,
    registers,
    collect() {
      this.set({ condition: "hit_rate_low" }, thresholds.minHitRate);
      this.set({ condition: "fallback_reads" }, thresholds.maxFallbackReads);
    },
  });
  new Gauge({
    name: "rd_cache_alert_min_reads",
    help: "Reads in 5 minutes below which the hit rate is not judged (hit_rate_low stays 0).",
    registers,
    collect() {
      this.set(thresholds.minReads);
    },
  });
}
