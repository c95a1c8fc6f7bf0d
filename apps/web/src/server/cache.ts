import "server-only";
import { API_CACHE_POLICY, type ApiCache } from "@repo/api";
import { RiskCache } from "@repo/risk-cache";
import { serverConfig } from "./config.ts";

const globalForCache = globalThis as typeof globalThis & {
  riskDashboardCache?: Promise<ApiCache>;
};

/**
 * The process's one cache, built from REDIS_URL (in memory when unset). It publishes its figures
 * every CACHE_REPORT_INTERVAL_MS for the cache page's view of every instance.
 */
export function getCache(): Promise<ApiCache> {
  const config = serverConfig();
  globalForCache.riskDashboardCache ??= RiskCache.create({
    redis: config.redis,
    disabled: config.cacheDisabled,
    prefix: config.cachePrefix,
    reportIntervalMs: config.cacheReportIntervalMs,
    ...API_CACHE_POLICY,
  });
  return globalForCache.riskDashboardCache;
}

/** Closes the cache's Redis connections, when the server shuts down. */
export async function closeCache(): Promise<void> {
  const cache = globalForCache.riskDashboardCache;
  globalForCache.riskDashboardCache = undefined;
  await (await cache)?.close();
}
