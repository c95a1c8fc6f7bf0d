import "server-only";
import { createDb, type Db } from "@repo/db";
import { serverConfig } from "./config.ts";
import { processGlobal } from "./process-global.ts";

const processDb = processGlobal<Db>("riskDashboardDb");

/**
 * The process's one Prisma client, so that hot reloads in development reuse the pool instead of
 * opening a new one per edit.
 */
export function getDb(): Db {
  return processDb.get(() => {
    const config = serverConfig();
    if (!config.databaseUrl) {
      throw new Error(
        "DATABASE_URL is not set. Start the app with `pnpm start` (embedded database) or set DATABASE_URL.",
      );
    }
    return createDb({ databaseUrl: config.databaseUrl, poolSize: config.databasePoolSize });
  });
}

/** Closes the process's database pool, when the server shuts down. */
export async function closeDb(): Promise<void> {
  await processDb.take()?.$disconnect();
}
