export {
  CacheConfigError,
  parseRedisConfig,
  type RedisConfig,
  redactRedisUrl,
} from "./config.ts";
export { type CacheKind, type CacheSubject, cacheKey } from "./keys.ts";
