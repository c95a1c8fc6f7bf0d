import { checkDatabase, type Db } from "@repo/db";
import type { AppConfig } from "./config.ts";

export interface HealthReport {
  status: "ok" | "error";
  version: string;
  database:
    | { status: "ok"; mode: "embedded" | "external"; latencyMs: number }
    | { status: "error"; mode: "embedded" | "external"; error: string };
  cache: { mode: "redis" | "cluster" | "memory" };
}

/** What /api/health answers: the app is healthy when its database answers. */
export async function buildHealthReport(db: Db, config: AppConfig): Promise<HealthReport> {
  const check = await checkDatabase(db);
  const mode = config.databaseMode;
  const database: HealthReport["database"] = check.ok
    ? { status: "ok", mode, latencyMs: check.latencyMs }
    : { status: "error", mode, error: check.error };
  return {
    status: database.status,
    version: config.version,
    database,
    cache: { mode: config.redis.mode },
  };
}
