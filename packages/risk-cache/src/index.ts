export {
  CacheConfigError,
  parseRedisConfig,
  type RedisConfig,
  redactRedisUrl,
} from "./config.ts";
export { connect as connectRedis, type RedisClient } from "./connection.ts";
export type { DeploymentView } from "./deployment/deployment-reporter.ts";
export {
  deploymentSeries,
  type InstanceView,
  type IntervalPoint,
  intervalsOf,
  recentTotals,
} from "./deployment/deployment-series.ts";
export {
  type InstanceFigures,
  type InstanceReport,
  type InstanceSample,
  sumFigures,
} from "./deployment/instance-report.ts";
export type { Invalidation } from "./invalidation-bus.ts";
export { CACHE_SCHEMA_VERSION, CacheKeyError, type CacheSubject, cacheKey } from "./keys.ts";
export type { KindPolicy, RiskCacheOptions } from "./options.ts";
export type { RedisHealth } from "./redis-admin.ts";
export {
  type CacheRead,
  type CacheSnapshot,
  type CacheSource,
  type Freshness,
  RiskCache,
} from "./risk-cache.ts";
export { CacheSerializationError, type CustomType } from "./serializer.ts";
