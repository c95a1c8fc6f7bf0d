import { randomUUID } from "node:crypto";
import pg from "pg";
import { createDb, type Db } from "../client.ts";
import { applyMigrations } from "../migrations/index.ts";

export { type QueryLog, recordQueries } from "./query-log.ts";
export { startTcpProxy, type TcpProxy } from "./tcp-proxy.ts";

/** The PostgreSQL server integration tests run against (a real one; see the README). */
export const TEST_SERVER_URL =
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/** URL of `database` on the test server. */
export function databaseUrlFor(database: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database of its own for one test file, migrated to the committed schema, so test files
 * can run in parallel without seeing each other's rows.
 */
export async function createTestDatabase(
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const name = `rd_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await onServer((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrlFor(name);
  if (options.migrate !== false) await applyMigrations(url);
  const db = createDb({ databaseUrl: url, poolSize: 4 });
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
