import type { Db } from "@repo/db";
import type { ApiCache } from "./cache-policy.ts";
import type { Clock } from "./clock.ts";
import type { TenantDb } from "./data/tenant-db.ts";
import type { RequestLimiter } from "./http/request-limiter.ts";
import type { ApiMetrics } from "./observability/api-metrics.ts";
import type { LiveSessions } from "./services/auth/live-sessions.ts";
import type { LoginLimiter } from "./services/auth/login-limiter.ts";
import type { CacheAlertThresholds } from "./services/cache/cache-alerts.ts";

/** What the API needs from the process it runs in, built once per server (or per test). */
export interface ApiDeps {
  db: Db;
  cache: ApiCache;
  clock: Clock;
  loginLimiter: LoginLimiter;
  /**
   * Calls per minute per signed-in user and per anonymous address over HTTP (http/); omitted
   * only by the API's own benchmark, which calls the handler at full speed from one address.
   */
  requestLimiter?: RequestLimiter;
  /**
   * The origin browsers load the app from (`https://risk.example.com`), for a proxy in front
   * that hides it from the request's Host: POSTs from it are the app's own (request-forgery.ts).
   */
  publicOrigin?: string;
  sessions: {
    ttlMs: number;
    /** Secure cookies: on in production, where the app is served over HTTPS. */
    secureCookie: boolean;
    /** Sessions seen lately, kept in step with `cache`'s invalidations (one per cache). */
    live: LiveSessions;
  };
  /** When the cache page and /api/metrics raise cache alerts; the defaults when omitted. */
  cacheAlerts?: CacheAlertThresholds;
  /** Largest CSV file an import reads (http/import-handler.ts); DEFAULT_MAX_IMPORT_BYTES. */
  importMaxBytes?: number;
  /** Request counts and latency per procedure; omitted in tests that do not read them. */
  metrics?: ApiMetrics;
}

/** What a service of one tenant reads with: its scoped database, the cache and the clock. */
export interface ServiceDeps {
  db: TenantDb;
  cache: ApiCache;
  clock: Clock;
}

/** What a cached read needs: the clock only matters to what it computes. */
export type ReadDeps = Pick<ServiceDeps, "db" | "cache">;

/** What a write needs besides: `actorId` is the user making it, for the audit log. */
export interface WriteDeps extends ServiceDeps {
  actorId: string;
}

export const DEFAULT_SESSION_TTL_MS = 8 * 60 * 60 * 1000;
