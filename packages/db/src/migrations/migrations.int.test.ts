import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { seedDemoData } from "../demo/seed.ts";
import { migrationsDir } from "../paths.ts";
import { createTestDatabase, type TestDatabase } from "../testing/index.ts";
import {
  addLaterMigration,
  LATER_MIGRATION,
  readTenantNotes,
} from "./forward-migration-fixture.ts";
import { applyMigrations, diffMigrationsToSchema } from "./index.ts";

/** The migration that brought the seed marker. */
const MARKER_MIGRATION = "20261206063817_people_audit_seed_marker";

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

async function committedMigrationNames() {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

describe("migrations", () => {
  it("match schema.prisma: the diff from the committed migrations to the schema is empty", async () => {
    database = await createTestDatabase({ migrate: false });
    expect(await diffMigrationsToSchema(database.url)).toBe("");
  });

  it("apply every committed migration once, then report the database up to date", async () => {
    database = await createTestDatabase({ migrate: false });
    expect(await applyMigrations(database.url)).toEqual(await committedMigrationNames());
    expect(await applyMigrations(database.url)).toEqual([]);
    const tables = await database.db.$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`;
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(["Tenant", "User", "Position", "PriceBar", "RiskLimit", "AuditEvent"]),
    );
  });

  it("bring an older database forward and keep its rows", async () => {
    database = await createTestDatabase({ migrate: false });
    const folder = await mkdtemp(join(tmpdir(), "rd-migrations-"));
    try {
      await cp(migrationsDir, folder, { recursive: true });
      await applyMigrations(database.url, folder);
      await database.db.tenant.create({
        data: { id: crypto.randomUUID(), slug: "kept", name: "Kept" },
      });

      await addLaterMigration(folder);
      expect(await applyMigrations(database.url, folder)).toEqual([LATER_MIGRATION]);

      const rows = await readTenantNotes(database.url);
      expect(rows).toEqual([{ slug: "kept", note: null }]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("mark a database seeded before the marker existed, so its deleted demo rows stay deleted", async () => {
    database = await createTestDatabase({ migrate: false });
    const folder = await mkdtemp(join(tmpdir(), "rd-migrations-"));
    try {
      await cp(migrationsDir, folder, { recursive: true });
      await rm(join(folder, MARKER_MIGRATION), { recursive: true });
      await applyMigrations(database.url, folder);
      await database.db.$executeRaw`
        INSERT INTO "Tenant" ("id", "slug", "name") VALUES (gen_random_uuid(), 'northwind', 'Northwind')`;

      expect(await applyMigrations(database.url)).toEqual([MARKER_MIGRATION]);
      expect(await seedDemoData(database.db)).toBeNull();
      expect(await database.db.user.count()).toBe(0);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
