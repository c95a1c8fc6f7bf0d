import { applyMigrations } from "../migrations/index.ts";
import { requireDatabaseUrl } from "./database-url.ts";

const applied = await applyMigrations(requireDatabaseUrl("db:migrate"));
console.info(
  applied.length === 0
    ? "db:migrate: the database is up to date."
    : `db:migrate: applied ${applied.join(", ")}`,
);
