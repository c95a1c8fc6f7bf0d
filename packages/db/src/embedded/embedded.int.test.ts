import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../client.ts";
import {
  addLaterMigration,
  LATER_MIGRATION,
  readTenantNotes,
} from "../migrations/forward-migration-fixture.ts";
import { applyMigrations } from "../migrations/index.ts";
import { migrationsDir } from "../paths.ts";
import { startEmbeddedPostgres } from "./index.ts";

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "rd-embedded-"));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe("embedded PostgreSQL", () => {
  it("serves the migrated schema over the wire protocol and keeps data across restarts", async () => {
    const first = await startEmbeddedPostgres({ dataDir, port: 0 });
    expect((await applyMigrations(first.url)).length).toBeGreaterThan(0);
    const db = createDb({ databaseUrl: first.url, poolSize: 4 });
    await db.tenant.create({
      data: { id: crypto.randomUUID(), slug: "persisted", name: "Persisted" },
    });
    // Concurrent queries over several pooled connections share the single PGlite session safely.
    const counts = await Promise.all(Array.from({ length: 12 }, () => db.tenant.count()));
    expect(counts).toEqual(Array(12).fill(1));
    await db.$disconnect();
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, port: 0 });
    expect(await applyMigrations(second.url)).toEqual([]);
    const again = createDb({ databaseUrl: second.url });
    expect((await again.tenant.findMany()).map((t) => t.slug)).toEqual(["persisted"]);
    await again.$disconnect();
    await second.stop();
  });

  it("migrates a data folder made by an older schema forward, keeping its rows", async () => {
    const oldDataDir = await mkdtemp(join(tmpdir(), "rd-embedded-old-"));
    const migrations = await mkdtemp(join(tmpdir(), "rd-migrations-"));
    try {
      await cp(migrationsDir, migrations, { recursive: true });
      const before = await startEmbeddedPostgres({ dataDir: oldDataDir, port: 0 });
      await applyMigrations(before.url, migrations);
      const db = createDb({ databaseUrl: before.url });
      await db.tenant.create({ data: { id: crypto.randomUUID(), slug: "old", name: "Old" } });
      await db.$disconnect();
      await before.stop();

      // A release adds a migration; the next start applies it to the existing data folder.
      await addLaterMigration(migrations);
      const after = await startEmbeddedPostgres({ dataDir: oldDataDir, port: 0 });
      expect(await applyMigrations(after.url, migrations)).toEqual([LATER_MIGRATION]);
      const rows = await readTenantNotes(after.url);
      await after.stop();
      expect(rows).toEqual([{ slug: "old", note: null }]);
    } finally {
      await rm(oldDataDir, { recursive: true, force: true });
      await rm(migrations, { recursive: true, force: true });
    }
  });

  it("keeps transactions of concurrent connections apart", async () => {
    const server = await startEmbeddedPostgres({ dataDir, port: 0 });
    const db = createDb({ databaseUrl: server.url, poolSize: 4 });
    const slugs = ["tx-a", "tx-b", "tx-c"];
    await Promise.all(
      slugs.map((slug) =>
        db.$transaction(async (tx) => {
          await tx.tenant.create({ data: { id: crypto.randomUUID(), slug, name: slug } });
          return tx.tenant.count({ where: { slug } });
        }),
      ),
    );
    await expect(
      db.$transaction(async (tx) => {
        await tx.tenant.create({
          data: { id: crypto.randomUUID(), slug: "rolled-back", name: "x" },
        });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    const found = (await db.tenant.findMany({ where: { slug: { startsWith: "tx-" } } })).map(
      (t) => t.slug,
    );
    expect(found.sort()).toEqual(slugs);
    expect(await db.tenant.count({ where: { slug: "rolled-back" } })).toBe(0);
    await db.$disconnect();
    await server.stop();
  });
});
