import { createDb } from "../client.ts";
import { reseedDemoData, type SeedCounts, seedDemoData } from "../demo/index.ts";
import { requireDatabaseUrl } from "./database-url.ts";

// `pnpm db:seed` loads the demo data once per database; `pnpm db:seed -- --reset` replaces the
// demo firms (and only them) with a fresh copy.
const reset = process.argv.includes("--reset");
const db = createDb({ databaseUrl: requireDatabaseUrl("db:seed") });
try {
  const inserted = reset ? await reseedDemoData(db) : await seedDemoData(db);
  console.info(`db:seed: ${describeSeed(inserted)}`);
} finally {
  await db.$disconnect();
}

function describeSeed(inserted: SeedCounts | null): string {
  if (inserted === null) {
    return "this database has had the demo data before; nothing inserted (--reset loads it afresh)";
  }
  const rows = Object.entries(inserted).map(([table, count]) => `${table} ${count}`);
  return `inserted ${rows.join(", ")}`;
}
