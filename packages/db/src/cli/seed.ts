import { createDb } from "../client.ts";
import { seedDemoData } from "../demo/index.ts";
import { requireDatabaseUrl } from "./database-url.ts";

const db = createDb({ databaseUrl: requireDatabaseUrl("db:seed") });
try {
  const inserted = await seedDemoData(db);
  const summary = Object.entries(inserted)
    .map(([table, count]) => `${table} ${count}`)
    .join(", ");
  console.info(`db:seed: inserted ${summary}`);
} finally {
  await db.$disconnect();
}
