import "server-only";
import { createDb, type Db } from "@repo/db";
import { serverConfig } from "./config.ts";

const globalForDb = globalThis as typeof globalThis & { riskDashboardDb?: Db };

/**
 * The process's one Prisma client. Kept on globalThis so that hot reloads in development reuse
 * the pool instead of opening a new one per edit.
 */
export function getDb(): Db {
  if (globalForDb.riskDashboardDb) return globalForDb.riskDashboardDb;
  const config = serverConfig();
  if (!config.databaseUrl) {
    throw new Error(
      "DATABASE_URL is not set. Start the app with `pnpm start` (embedded database) or set DATABASE_URL.",
    );
  }
  globalForDb.riskDashboardDb = createDb({
    databaseUrl: config.databaseUrl,
    poolSize: config.databasePoolSize,
  });
  return globalForDb.riskDashboardDb;
}

/** Closes the process's database pool, when the server shuts down. */
export async function closeDb(): Promise<void> {
  const db = globalForDb.riskDashboardDb;
  globalForDb.riskDashboardDb = undefined;
  await db?.$disconnect();
}
