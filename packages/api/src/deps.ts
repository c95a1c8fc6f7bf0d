import type { Db } from "@repo/db";
import type { RiskCache } from "@repo/risk-cache";
import type { Clock } from "./clock.ts";
import type { ApiMetrics } from "./observability/api-metrics.ts";
import type { LiveSessions } from "./services/auth/live-sessions.ts";
import type { LoginLimiter } from "./services/auth/login-limiter.ts";

/** What the API needs from the process it runs in, built once per server (or per test). */
export interface ApiDeps {
  db: Db;
  cache: RiskCache;
  clock: Clock;
  loginLimiter: LoginLimiter;
  sessions: {
    ttlMs: number;
    /** Secure cookies: on in production, where the app is served over HTTPS. */
    secureCookie: boolean;
    /** Sessions seen lately, kept in step with `cache`'s invalidations (one per cache). */
    live: LiveSessions;
  };
  /** Request counts and latency per procedure; omitted in tests that do not read them. */
  metrics?: ApiMetrics;
}

export const DEFAULT_SESSION_TTL_MS = 8 * 60 * 60 * 1000;
