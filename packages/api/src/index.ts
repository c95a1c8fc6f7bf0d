export { API_CACHE_POLICY, type ApiCache, type ApiCacheKind } from "./cache-policy.ts";
export { type Clock, systemClock } from "./clock.ts";
export { type Context, createHttpContext, createInnerContext } from "./context.ts";
export { type ApiDeps, DEFAULT_SESSION_TTL_MS } from "./deps.ts";
export { AppError, type AppErrorCode } from "./errors.ts";
export { handleTrpcRequest, MAX_BATCH_SIZE, TRPC_ENDPOINT } from "./http/handle-trpc.ts";
export { handleImportRequest, IMPORT_ENDPOINT } from "./http/import-handler.ts";
export { createRequestLimiter, type RequestLimiter } from "./http/request-limiter.ts";
export { SESSION_COOKIE } from "./http/session-cookie.ts";
export {
  type ApiMetrics,
  type ApiMetricsSources,
  createApiMetrics,
} from "./observability/api-metrics.ts";
export { type AppRouter, appRouter, createCaller } from "./root.ts";
export { LiveSessions, liveViewer } from "./services/auth/live-sessions.ts";
export { createLoginLimiter, type LoginLimiter } from "./services/auth/login-limiter.ts";
export { DEFAULT_LOGIN_LIMITS, type LoginLimits } from "./services/auth/login-limits.ts";
export type { Viewer } from "./services/auth/sessions.ts";
export {
  IMPORT_COLUMNS,
  IMPORT_KINDS,
  type ImportColumn,
  type ImportKind,
} from "./services/imports/import-kinds.ts";
export type { ImportError, ImportMode, ImportReport } from "./services/imports/import-report.ts";
export { type ImportRequest, runImport } from "./services/imports/run-import.ts";
export {
  type PriceFeedOptions,
  startPriceFeed,
} from "./services/prices/price-feed.ts";
export { type LastPrice, setLastPrices } from "./services/prices/set-last-prices.ts";
export type { MetricsView } from "./services/risk/compute-metrics.ts";
