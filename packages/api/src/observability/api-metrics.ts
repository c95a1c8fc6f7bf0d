import type { DbPoolCounts } from "@repo/db";
import type { RiskCache } from "@repo/risk-cache";
import { collectDefaultMetrics, Histogram, Registry } from "prom-client";
import type { CacheAlertThresholds } from "../services/cache/cache-alerts.ts";
import { registerCacheMetrics } from "./cache-metrics.ts";
import { registerPoolMetrics } from "./pool-metrics.ts";

/** Prometheus metrics of the API, in a registry of their own (one per server process). */
export interface ApiMetrics {
  registry: Registry;
  observeProcedure(procedure: string, type: string, code: string, seconds: number): void;
}

/** What /api/metrics reports besides procedure latency, each read at scrape time. */
export interface ApiMetricsSources {
  cache?: Pick<RiskCache, "snapshot" | "thisInstance">;
  /** When the cache's alerts are raised (rd_cache_alert); the defaults when omitted. */
  cacheAlerts?: CacheAlertThresholds;
  /** The database pool (databasePool(db)); omitted when the client does not expose one. */
  pool?: DbPoolCounts;
  /** Node's process metrics (CPU, memory, event loop lag, GC); on in the server, off in tests. */
  processMetrics?: boolean;
}

export function createApiMetrics(sources: ApiMetricsSources = {}): ApiMetrics {
  const registry = new Registry();
  const duration = new Histogram({
    name: "rd_trpc_request_duration_seconds",
    help: "Time to answer a tRPC procedure call, by procedure, type and result code.",
    labelNames: ["procedure", "type", "code"] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  if (sources.cache) registerCacheMetrics(registry, sources.cache, sources.cacheAlerts);
  if (sources.pool) registerPoolMetrics(registry, sources.pool);
  if (sources.processMetrics) collectDefaultMetrics({ register: registry });
  return {
    registry,
    observeProcedure(procedure, type, code, seconds) {
      duration.observe({ procedure, type, code }, seconds);
    },
  };
}
