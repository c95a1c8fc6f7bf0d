import { readMigrations, readSchema, writeMigration } from "./migrations-folder.ts";
import { withSchemaEngine } from "./schema-engine.ts";

const NO_FILTER = { externalTables: [], externalEnums: [] };

/** Applies the committed migrations not yet applied (what `prisma migrate deploy` does). */
export async function applyMigrations(
  databaseUrl: string,
  migrationsFolder?: string,
): Promise<string[]> {
  const migrationsList = await readMigrations(migrationsFolder);
  return withSchemaEngine(databaseUrl, await readSchema(), async (engine) => {
    const result = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return result.appliedMigrationNames;
  });
}

/**
 * SQL that would bring a database built from the committed migrations to schema.prisma; empty
 * when they agree. Replays the migrations in a throw-away shadow database on the server of
 * `databaseUrl` (it needs the right to CREATE DATABASE, so not the embedded PGlite).
 */
export async function diffMigrationsToSchema(databaseUrl: string): Promise<string> {
  const migrationsList = await readMigrations();
  const schema = await readSchema();
  return withSchemaEngine(databaseUrl, schema, async (engine) => {
    const result = await engine.diff({
      from:
        migrationsList.migrationDirectories.length === 0
          ? { tag: "empty" }
          : { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    const script = result.stdout ?? "";
    return script.includes("empty migration") ? "" : script.trim();
  });
}

/** Writes a new migration folder for the change from the committed migrations to the schema. */
export async function createMigration(
  databaseUrl: string,
  name: string,
  now = new Date(),
): Promise<{ folder: string; script: string } | null> {
  const script = await diffMigrationsToSchema(databaseUrl);
  if (script === "") return null;
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
  const folder = await writeMigration(`${stamp}_${slug || "migration"}`, `${script}\n`);
  return { folder, script };
}
