import "server-only";
import { API_CACHE_POLICY, type ApiCache } from "@repo/api";
import { RiskCache } from "@repo/risk-cache";
import { serverConfig } from "./config.ts";
import { processGlobal } from "./process-global.ts";

const processCache = processGlobal<Promise<ApiCache>>("riskDashboardCache");

/**
 * The process's one cache, built from REDIS_URL (in memory when unset). It publishes its figures
 * every CACHE_REPORT_INTERVAL_MS for the cache page's view of every instance.
 */
export function getCache(): Promise<ApiCache> {
  const config = serverConfig();
  return processCache.get(() =>
    RiskCache.create({
      redis: config.redis,
      disabled: config.cacheDisabled,
      prefix: config.cachePrefix,
      reportIntervalMs: config.cacheReportIntervalMs,
      ...API_CACHE_POLICY,
    }),
  );
}

/** Closes the cache's Redis connections, when the server shuts down. */
export async function closeCache(): Promise<void> {
  await (await processCache.take())?.close();
}
