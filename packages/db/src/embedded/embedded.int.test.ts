import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../client.ts";
import { applyMigrations } from "../migrations/index.ts";
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
