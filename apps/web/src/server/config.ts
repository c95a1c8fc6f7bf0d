import { type CacheAlertThresholds, DEFAULT_CACHE_ALERT_THRESHOLDS } from "@repo/api/cache-alerts";
import {
  DEFAULT_MAX_IMPORT_BYTES,
  DEFAULT_REQUEST_LIMITS,
  type RequestLimits,
} from "@repo/api/http-limits";
import { CacheConfigError, parseRedisConfig, type RedisConfig } from "@repo/risk-cache";
import { z } from "zod";
import packageJson from "../../package.json" with { type: "json" };
import { envFlag as flag } from "./env-flag.ts";

/** A setting that cannot work, explained in one line that names the variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/./, "must be a postgresql:// URL")
    .optional(),
  DATABASE_MODE: z.enum(["embedded", "external"]).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  EMBEDDED_DB_DIR: z.string().min(1).optional(),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(0).max(65_535).default(54_329),
  MIGRATE_ON_START: flag.default(true),
  SEED_DEMO_DATA: flag.optional(),
  APP_VERSION: z.string().min(1).default(packageJson.version),
  PRICE_FEED_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(3_000),
  SESSION_TTL_HOURS: z.coerce.number().min(0.01).max(720).default(8),
  COOKIE_SECURE: flag.optional(),
  CACHE_DISABLED: flag.default(false),
  BENCH_ROUTES: flag.default(false),
  CACHE_PREFIX: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, "use 1–32 lowercase letters, digits or dashes")
    .default("risk"),
  CACHE_REPORT_INTERVAL_MS: z.coerce.number().int().min(1_000).max(60_000).default(10_000),
  CACHE_ALERT_MIN_HIT_RATE: z.coerce
    .number()
    .min(0, "use a fraction from 0 to 1, e.g. 0.5")
    .max(1, "use a fraction from 0 to 1, e.g. 0.5")
    .default(DEFAULT_CACHE_ALERT_THRESHOLDS.minHitRate),
  CACHE_ALERT_MIN_READS: z.coerce
    .number()
    .int("use a whole number of reads, 1 or more")
    .min(1, "use a whole number of reads, 1 or more")
    .default(DEFAULT_CACHE_ALERT_THRESHOLDS.minReads),
  CACHE_ALERT_MAX_FALLBACK_READS: z.coerce
    .number()
    .int()
    .min(0)
    .default(DEFAULT_CACHE_ALERT_THRESHOLDS.maxFallbackReads),
  // Empty counts as unset, so a compose file can pass `${OPERATOR_TOKEN:-}` through.
  OPERATOR_TOKEN: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .min(32, "use at least 32 characters (e.g. `openssl rand -hex 32`)")
      .regex(/^[\x21-\x7e]+$/, "use printable ASCII without spaces")
      .optional(),
  ),
  RATE_LIMIT_SIGNED_IN: z.coerce
    .number()
    .int()
    .min(0)
    .default(DEFAULT_REQUEST_LIMITS.signedInPerMinute),
  RATE_LIMIT_ANONYMOUS: z.coerce
    .number()
    .int()
    .min(0)
    .default(DEFAULT_REQUEST_LIMITS.anonymousPerMinute),
  PUBLIC_ORIGIN: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .refine(isOrigin, "use scheme://host[:port] without a path, e.g. https://risk.example.com")
      .optional(),
  ),
  IMPORT_MAX_MB: z.coerce
    .number()
    .int("use a whole number of megabytes, 1 or more")
    .min(1, "use a whole number of megabytes, 1 or more")
    .max(1_024, "use at most 1024 (1 GB)")
    .default(DEFAULT_MAX_IMPORT_BYTES / 1024 / 1024),
  NODE_ENV: z.string().optional(),
});

function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

export interface AppConfig {
  databaseUrl: string | undefined;
  databaseMode: "embedded" | "external";
  databasePoolSize: number;
  redis: RedisConfig;
  port: number;
  /** Unset: the launcher keeps the data in the repository's ignored .data/pglite folder. */
  embeddedDbDir: string | undefined;
  embeddedDbPort: number;
  migrateOnStart: boolean;
  /** Seeds the demo firms: on by default for the embedded database only. */
  seedDemoData: boolean;
  version: string;
  /** How often the simulated price feed moves last prices; 0 turns it off. */
  priceFeedIntervalMs: number;
  sessionTtlMs: number;
  /** Secure session cookies: on in production unless turned off (plain-HTTP test rigs). */
  secureCookies: boolean;
  /** Every read computed, nothing cached: the baseline of the load benchmark. */
  cacheDisabled: boolean;
  /** First part of every Redis key of this deployment (cache entries and sign-in counters). */
  cachePrefix: string;
  /** How often this instance publishes its cache figures for the cache page (every instance). */
  cacheReportIntervalMs: number;
  /** When the cache page and /api/metrics (rd_cache_alert) raise an alert. */
  cacheAlerts: CacheAlertThresholds;
  /**
   * Serves /api/bench/bare, the load benchmark's ceiling, in a build that has it (BENCH_ROUTES
   * set when building, next.config.ts); off everywhere else.
   */
  benchRoutes: boolean;
  /**
   * Bearer token of the operators' tools: /api/metrics is served only to it, /api/health's
   * details to it or a signed-in admin. Unset: no metrics endpoint.
   */
  operatorToken: string | undefined;
  /** Calls per minute per signed-in user and per anonymous address (0 turns one off). */
  requestLimits: RequestLimits;
  /** The origin browsers load the app from, for a proxy in front that hides it from Host. */
  publicOrigin: string | undefined;
  /** Largest CSV file an admin's import reads, in bytes. */
  importMaxBytes: number;
}

/** Every environment variable the app reads, validated in one place (see the README's table). */
export function readConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `${issue?.path.join(".") ?? "configuration"}: ${issue?.message ?? "invalid"}`,
    );
  }
  const values = parsed.data;
  let redis: RedisConfig;
  try {
    redis = parseRedisConfig(values.REDIS_URL);
  } catch (error) {
    if (error instanceof CacheConfigError) throw new ConfigError(error.message);
    throw error;
  }
  const databaseMode = values.DATABASE_MODE ?? (values.DATABASE_URL ? "external" : "embedded");
  return {
    databaseUrl: values.DATABASE_URL,
    databaseMode,
    databasePoolSize: values.DATABASE_POOL_SIZE,
    redis,
    port: values.PORT,
    embeddedDbDir: values.EMBEDDED_DB_DIR,
    embeddedDbPort: values.EMBEDDED_DB_PORT,
    migrateOnStart: values.MIGRATE_ON_START,
    seedDemoData: values.SEED_DEMO_DATA ?? databaseMode === "embedded",
    version: values.APP_VERSION,
    priceFeedIntervalMs: values.PRICE_FEED_INTERVAL_MS,
    sessionTtlMs: Math.round(values.SESSION_TTL_HOURS * 3_600_000),
    // The embedded database means a local demo over plain HTTP, where some browsers drop a
    // Secure cookie; production behind HTTPS uses an external database.
    secureCookies:
      values.COOKIE_SECURE ?? (values.NODE_ENV === "production" && databaseMode !== "embedded"),
    cacheDisabled: values.CACHE_DISABLED,
    cachePrefix: values.CACHE_PREFIX,
    cacheReportIntervalMs: values.CACHE_REPORT_INTERVAL_MS,
    cacheAlerts: {
      minHitRate: values.CACHE_ALERT_MIN_HIT_RATE,
      minReads: values.CACHE_ALERT_MIN_READS,
      maxFallbackReads: values.CACHE_ALERT_MAX_FALLBACK_READS,
    },
    benchRoutes: values.BENCH_ROUTES,
    operatorToken: values.OPERATOR_TOKEN,
    requestLimits: {
      signedInPerMinute: values.RATE_LIMIT_SIGNED_IN,
      anonymousPerMinute: values.RATE_LIMIT_ANONYMOUS,
    },
    publicOrigin: values.PUBLIC_ORIGIN,
    importMaxBytes: values.IMPORT_MAX_MB * 1024 * 1024,
  };
}

let processConfig: AppConfig | undefined;

/** This process's configuration, read once: the environment does not change while it runs. */
export function serverConfig(): AppConfig {
  processConfig ??= readConfig();
  return processConfig;
}
