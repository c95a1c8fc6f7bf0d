import "server-only";
import {
  type ApiDeps,
  createApiMetrics,
  createLoginLimiter,
  createRequestLimiter,
  LiveSessions,
  systemClock,
} from "@repo/api";
import { databasePool } from "@repo/db";
import { connectRedis } from "@repo/risk-cache";
import { getCache } from "./cache.ts";
import { serverConfig } from "./config.ts";
import { getDb } from "./db.ts";
import { processGlobal } from "./process-global.ts";

const processApi = processGlobal<Promise<ApiDeps>>("riskDashboardApi");

async function buildApiDeps(): Promise<ApiDeps> {
  const config = serverConfig();
  // Failed sign-ins and requests per client are counted in Redis when there is one, so every
  // instance sees them.
  const redis = config.redis.mode === "memory" ? null : connectRedis(config.redis);
  const db = getDb();
  const cache = await getCache();
  return {
    db,
    cache,
    clock: systemClock,
    loginLimiter: createLoginLimiter(redis, undefined, `${config.cachePrefix}:login`),
    requestLimiter: createRequestLimiter(
      redis,
      config.requestLimits,
      `${config.cachePrefix}:requests`,
    ),
    publicOrigin: config.publicOrigin,
    importMaxBytes: config.importMaxBytes,
    cacheAlerts: config.cacheAlerts,
    sessions: {
      ttlMs: config.sessionTtlMs,
      secureCookie: config.secureCookies,
      live: new LiveSessions(cache),
    },
    // Cache, pool and process metrics are read when /api/metrics is scraped.
    metrics: createApiMetrics({
      cache,
      cacheAlerts: config.cacheAlerts,
      pool: databasePool(db),
      processMetrics: true,
    }),
  };
}

/** The API's dependencies for this server process, built once. */
export function getApiDeps(): Promise<ApiDeps> {
  return processApi.get(buildApiDeps);
}
