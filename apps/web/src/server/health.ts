import { checkDatabase, type Db } from "@repo/db";
import type { RiskCache } from "@repo/risk-cache";
import type { AppConfig } from "./config.ts";

export interface HealthReport {
  status: "ok" | "error";
  version: string;
  database:
    | { status: "ok"; mode: "embedded" | "external"; latencyMs: number }
    | { status: "error"; mode: "embedded" | "external"; error: string };
  cache: {
    mode: "redis" | "cluster" | "memory";
    /** "fallback" while Redis is unreachable and the cache serves from process memory. */
    status: "ok" | "fallback";
    redis: { connected: boolean; pingMs: number | null } | null;
  };
}

/** What anybody may know: up or down. */
export type PublicHealth = Pick<HealthReport, "status">;

/**
 * What /api/health answers. The app is healthy when its database answers; a cache running on
 * its in-memory fallback is reported, but requests still succeed, so it is not an error.
 */
export async function buildHealthReport(
  db: Db,
  cache: RiskCache,
  config: AppConfig,
): Promise<HealthReport> {
  const [check, snapshot] = await Promise.all([checkDatabase(db), cache.snapshot()]);
  const mode = config.databaseMode;
  const database: HealthReport["database"] = check.ok
    ? { status: "ok", mode, latencyMs: check.latencyMs }
    : { status: "error", mode, error: check.error };
  return {
    status: database.status,
    version: config.version,
    database,
    cache: {
      mode: snapshot.mode,
      status: snapshot.fallback ? "fallback" : "ok",
      redis: snapshot.redis && {
        connected: snapshot.redis.connected,
        pingMs: snapshot.redis.pingMs,
      },
    },
  };
}

/**
 * The answer of /api/health: 200 or 503 to everyone, but the report itself (database host and
 * error, cache mode, Redis, version) only when `detailed`, for a signed-in admin or the operator
 * token. Those details tell an outsider what to attack.
 */
export function healthResponse(report: HealthReport, detailed: boolean): Response {
  const body: HealthReport | PublicHealth = detailed ? report : { status: report.status };
  return Response.json(body, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
