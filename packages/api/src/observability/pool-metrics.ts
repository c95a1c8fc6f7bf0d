import type { DbPoolCounts } from "@repo/db";
import { Gauge, type Registry } from "prom-client";

/**
 * The database pool at scrape time: queries waiting for a connection mean the pool
 * (DATABASE_POOL_SIZE) or the database is the bottleneck.
 */
export function registerPoolMetrics(registry: Registry, pool: DbPoolCounts) {
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  gauge(
    "rd_db_pool_connections",
    "Open connections of the database pool, idle or in use.",
    () => pool.totalCount,
  );
  gauge("rd_db_pool_idle_connections", "Open connections no query is using.", () => pool.idleCount);
  gauge(
    "rd_db_pool_waiting_queries",
    "Queries waiting for a connection because every connection is in use.",
    () => pool.waitingCount,
  );
}
