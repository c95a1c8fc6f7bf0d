import { createMigration } from "../migrations/index.ts";
import { requireDatabaseUrl } from "./database-url.ts";

const name = process.argv[2];
if (!name) {
  console.error("usage: pnpm db:migration:create <name>   (e.g. add_limit_currency)");
  process.exit(2);
}
// The diff replays the committed migrations in a temporary shadow database on this server.
const created = await createMigration(requireDatabaseUrl("db:migration:create"), name);
console.info(
  created
    ? `db:migration:create: wrote ${created.folder}/migration.sql`
    : "db:migration:create: schema.prisma matches the migrations; nothing to write.",
);
