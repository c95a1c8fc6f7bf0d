import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../clock.ts";
import { tenantDb } from "../../data/tenant-db.ts";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { IMPORT_KINDS, type ImportKind } from "./import-kinds.ts";
import type { ImportMode } from "./import-report.ts";
import { importCsv } from "./run-import.ts";

/**
 * The repository's example files (examples/imports), which the README quotes and tells people to
 * start from: they must import cleanly into the demo firm Northwind, in the README's order, and
 * the README must quote them as they are. Their headers and rows are held to the columns by
 * import-kinds.test.ts.
 */
const REPOSITORY = new URL("../../../../../", import.meta.url);
const FILES: Record<ImportKind, string> = {
  instruments: "instruments.csv",
  closes: "closes.csv",
  positions: "positions.csv",
};
const exampleOf = (kind: ImportKind) =>
  readFileSync(new URL(`examples/imports/${FILES[kind]}`, REPOSITORY), "utf8");

let fixture: ApiFixture;
let admin: Subject;

function importExample(kind: ImportKind, mode: ImportMode) {
  return importCsv(
    {
      db: tenantDb(fixture.deps.db, admin.tenantId),
      cache: fixture.deps.cache,
      clock: systemClock,
    },
    { kind, mode, actor: admin, input: Readable.from([exampleOf(kind)]), fileName: FILES[kind] },
  );
}

beforeAll(async () => {
  fixture = await createApiFixture();
  const user = await fixture.database.db.user.findUniqueOrThrow({
    where: { email: "admin@northwind.example.com" },
    select: { id: true, tenantId: true },
  });
  admin = { tenantId: user.tenantId, userId: user.id };
});
afterAll(async () => {
  await fixture?.close();
});

describe("the example import files", () => {
  it("preview without a problem in the demo firm, each after the one before was applied", async () => {
    const lines = (kind: ImportKind) => exampleOf(kind).trimEnd().split("\n").length - 1;
    for (const kind of ["instruments", "closes", "positions"] as const) {
      const preview = await importExample(kind, "preview");
      expect(preview.errors, FILES[kind]).toEqual([]);
      expect(preview).toMatchObject({ rowsRead: lines(kind), invalidRows: 0, moreErrors: 0 });
      // New instruments, their closes and positions in them: all of it is new to the demo firm.
      expect(preview.created, FILES[kind]).toBe(lines(kind));
      const applied = await importExample(kind, "apply");
      expect(applied).toMatchObject({ applied: true, created: lines(kind), invalidRows: 0 });
    }
    const maya = await fixture.database.db.position.count({
      where: {
        tenantId: admin.tenantId,
        trader: { email: "maya@northwind.example.com" },
        instrument: { symbol: { in: ["ATLS", "KELP"] } },
        closedAt: null,
      },
    });
    expect(maya).toBe(2);
  });

  it("are quoted in the README as their first lines", () => {
    const readme = readFileSync(new URL("README.md", REPOSITORY), "utf8");
    const section = readme.split("## Bringing your own data")[1]?.split("\n## ")[0] ?? "";
    // A block inside a list item is indented; its lines, as the file has them.
    const quoted = [...section.matchAll(/```csv\n([\s\S]*?)```/g)].map((match) =>
      (match[1] ?? "")
        .trimEnd()
        .split("\n")
        .map((line) => line.trim())
        .join("\n"),
    );
    const files = IMPORT_KINDS.map((kind) => exampleOf(kind));
    expect(quoted).toHaveLength(files.length);
    for (const block of quoted) {
      const file = files.find((text) => text.split("\n")[0] === block.split("\n")[0]);
      expect(file, block).toBeDefined();
      expect(file?.startsWith(block), block).toBe(true);
    }
  });
});
