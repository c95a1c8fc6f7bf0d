import pg from "pg";
import { writeMigration } from "./migrations-folder.ts";

/**
 * Test support for "an older database is migrated forward": a later release that adds a column
 * to Tenant, and a read of that column through a plain pg connection.
 */
export const LATER_MIGRATION = "29990101000000_add_tenant_note";

export function addLaterMigration(migrationsFolder: string): Promise<string> {
  return writeMigration(
    LATER_MIGRATION,
    'ALTER TABLE "Tenant" ADD COLUMN "note" TEXT;\n',
    migrationsFolder,
  );
}

export async function readTenantNotes(
  databaseUrl: string,
): Promise<{ slug: string; note: string | null }[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT slug, note FROM "Tenant" ORDER BY slug');
    return rows;
  } finally {
    await client.end();
  }
}
