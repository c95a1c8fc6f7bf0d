import { createDb } from "@repo/db";
import { seedDemoData } from "@repo/db/demo";
import { applyMigrations } from "@repo/db/migrations";
import pg from "pg";

export const BENCH_SERVER_URL =
  process.env.BENCH_DATABASE_SERVER ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function databaseUrl(name: string): string {
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(sql: string) {
  const client = new pg.Client({ connectionString: BENCH_SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database with the demo firms, as `pnpm start` would seed it. */
export async function createBenchDatabase(
  name: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await onServer(`CREATE DATABASE "${name}"`);
  const url = databaseUrl(name);
  await applyMigrations(url);
  const db = createDb({ databaseUrl: url, poolSize: 4 });
  await seedDemoData(db);
  await db.$disconnect();
  return { url, drop: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
