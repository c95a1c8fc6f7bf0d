import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../clock.ts";
import { tenantDb } from "../../data/tenant-db.ts";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import type { ImportKind } from "./import-kinds.ts";
import type { ImportMode } from "./import-report.ts";
import { importCsv } from "./run-import.ts";

let fixture: ApiFixture;
let admin: Subject;
let harborAdmin: Subject;

async function subjectOf(email: string): Promise<Subject> {
  const user = await fixture.database.db.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, tenantId: true },
  });
  return { tenantId: user.tenantId, userId: user.id };
}

function importText(
  kind: ImportKind,
  mode: ImportMode,
  csv: string,
  actor = admin,
  cache = fixture.deps.cache,
) {
  return importCsv(
    { db: tenantDb(fixture.deps.db, actor.tenantId), cache, clock: systemClock },
    { kind, mode, actor, input: Readable.from([csv]), fileName: `${kind}.csv` },
  );
}

const importEvents = () =>
  fixture.database.db.auditEvent.count({ where: { entity: "IMPORT", tenantId: admin.tenantId } });

beforeAll(async () => {
  fixture = await createApiFixture({ memory: { ttlMs: 60_000 } });
  admin = await subjectOf("admin@northwind.example.com");
  harborAdmin = await subjectOf("admin@harbor.example.com");
});
afterAll(async () => {
  await fixture?.close();
});

describe("importing instruments", () => {
  it("counts created, changed and unchanged, writes them on apply, and nothing the second time", async () => {
    const csv = [
      "Symbol, Name ,SECTOR,currency",
      "ZZNEW,Zed New Co,Technology,EUR",
      "NVX,Novix Semiconductors Renamed,Technology,USD",
      "CLDR,Cloudara Systems,Technology,USD",
    ].join("\n");
    const preview = await importText("instruments", "preview", csv);
    expect(preview).toMatchObject({
      rowsRead: 3,
      created: 1,
      changed: 1,
      unchanged: 1,
      invalidRows: 0,
      applied: false,
    });
    const before = await importEvents();
    const applied = await importText("instruments", "apply", csv);
    expect(applied).toMatchObject({ created: 1, changed: 1, unchanged: 1, applied: true });
    expect(applied.importId).toMatch(/^[0-9a-f-]{36}$/);
    const created = await fixture.database.db.instrument.findFirstOrThrow({
      where: { tenantId: admin.tenantId, symbol: "ZZNEW" },
    });
    expect(created).toMatchObject({ currency: "EUR", assetClass: "EQUITY", sector: "Technology" });
    expect(created.lastPrice.isZero()).toBe(true);
    const again = await importText("instruments", "apply", csv);
    expect(again).toMatchObject({ created: 0, changed: 0, unchanged: 3, applied: true });
    // Each applied import is one audit event with its counts, even one that changed nothing.
    expect(await importEvents()).toBe(before + 2);
    const event = await fixture.database.db.auditEvent.findFirstOrThrow({
      where: { entityId: applied.importId as string },
    });
    expect(event).toMatchObject({ entity: "IMPORT", actorId: admin.userId, traderId: null });
    expect(event.after).toEqual({
      kind: "instruments",
      rowsRead: 3,
      created: 1,
      changed: 1,
      unchanged: 1,
      fileName: "instruments.csv",
    });
  });
});

describe("importing closes", () => {
  it("creates and changes bars, moves the last price to a newer close, and is idempotent", async () => {
    const nvx = await fixture.database.db.instrument.findFirstOrThrow({
      where: { tenantId: admin.tenantId, symbol: "NVX" },
    });
    const csv = [
      "symbol,date,close",
      "NVX,2026-11-20,123.45",
      "NVX,2026-11-23,124.5",
      "ZZNEW,2026-11-23,10",
      `NVX,2026-11-19,${(await fixture.database.db.priceBar.findFirstOrThrow({ where: { instrumentId: nvx.id, day: new Date("2026-11-19") } })).close.toString()}`,
    ].join("\n");
    const preview = await importText("closes", "preview", csv);
    expect(preview).toMatchObject({ rowsRead: 4, created: 2, changed: 1, unchanged: 1 });
    const tick = (
      await fixture.database.db.tenant.findUniqueOrThrow({ where: { id: admin.tenantId } })
    ).priceTick;
    const applied = await importText("closes", "apply", csv);
    expect(applied).toMatchObject({ created: 2, changed: 1, unchanged: 1, applied: true });
    const after = await fixture.database.db.instrument.findFirstOrThrow({ where: { id: nvx.id } });
    expect(after.lastPrice.toString()).toBe("124.5");
    expect(after.historyVersion).toBeGreaterThan(nvx.historyVersion);
    const zz = await fixture.database.db.instrument.findFirstOrThrow({
      where: { tenantId: admin.tenantId, symbol: "ZZNEW" },
    });
    expect(zz.lastPrice.toString()).toBe("10");
    expect(
      (await fixture.database.db.tenant.findUniqueOrThrow({ where: { id: admin.tenantId } }))
        .priceTick,
    ).toBeGreaterThan(tick);
    const again = await importText("closes", "apply", csv);
    expect(again).toMatchObject({ created: 0, changed: 0, unchanged: 4, applied: true });
  });

  it("says what is wrong with each invalid row, with its line and column, and writes nothing", async () => {
    const csv = [
      "symbol,date,close",
      "NVX,2026-11-24,100",
      "NVX,2026-11-28,100",
      "NVX,2026-11-25,-3",
      "NOPE,2026-11-25,3",
      "NVX,2026-11-24,101",
      "NVX,26/11/2026,1.5",
      "NVX,2026-11-26,abc",
      ",2026-11-26,1",
    ].join("\n");
    const before = await fixture.database.db.priceBar.count();
    const report = await importText("closes", "apply", csv);
    expect(report.applied).toBe(false);
    expect(report.invalidRows).toBe(7);
    expect(report.errors.map(({ line, column }) => [line, column])).toEqual([
      [3, "date"],
      [4, "close"],
      [5, "symbol"],
      [6, null],
      [7, "date"],
      [8, "close"],
      [9, "symbol"],
    ]);
    expect(report.errors[0]?.message).toBe(
      "2026-11-28 is a Saturday: closes are for trading days, Monday to Friday.",
    );
    expect(report.errors[1]?.message).toBe("close must be above 0, such as 187.42.");
    expect(report.errors[2]?.message).toMatch(/^There is no instrument NOPE in this firm/);
    expect(report.errors[3]?.message).toBe(
      "This row repeats line 2 (same symbol and date): keep one of them.",
    );
    expect(await fixture.database.db.priceBar.count()).toBe(before);
  });

  it("refuses a file whose header misses a column or names an unknown one", async () => {
    const report = await importText("closes", "preview", "symbol,day,close\nNVX,2026-11-24,1");
    expect(report.errors).toEqual([
      { line: 1, column: "day", message: expect.stringMatching(/^"day" is not a column/) },
      { line: 1, column: "date", message: expect.stringMatching(/^The header has no "date"/) },
    ]);
    expect(report.rowsRead).toBe(0);
  });
});

describe("importing positions", () => {
  it("opens, changes and closes positions, leaving the others and the cash alone", async () => {
    const sofia = await subjectOf("sofia@northwind.example.com");
    const db = fixture.database.db;
    const held = await db.position.findMany({
      where: { traderId: sofia.userId, closedAt: null },
      include: { instrument: true },
      orderBy: { openedAt: "asc" },
    });
    const [first, second, third] = held;
    if (!first || !second || !third) throw new Error("sofia holds fewer than three positions");
    const cash = (await db.account.findFirstOrThrow({ where: { traderId: sofia.userId } })).cash;
    const day = (at: Date) => at.toISOString();
    const csv = [
      "trader email,symbol,quantity,average price,opened at",
      `SOFIA@northwind.example.com,ZZNEW,100,9.5,2026-11-23`,
      `sofia@northwind.example.com,${first.instrument.symbol},${first.quantity.plus(1)},${first.averagePrice},${day(first.openedAt)}`,
      `sofia@northwind.example.com,${second.instrument.symbol},0,1,2026-01-05`,
      `sofia@northwind.example.com,${third.instrument.symbol},${third.quantity},${third.averagePrice},${day(third.openedAt)}`,
    ].join("\n");
    const report = await importText("positions", "apply", csv);
    expect(report).toMatchObject({ created: 1, changed: 2, unchanged: 1, applied: true });
    const open = await db.position.findMany({ where: { traderId: sofia.userId, closedAt: null } });
    expect(open).toHaveLength(held.length);
    expect(open.find((p) => p.id === first.id)?.quantity.toString()).toBe(
      first.quantity.plus(1).toString(),
    );
    expect(open.some((p) => p.id === second.id)).toBe(false);
    expect((await db.account.findFirstOrThrow({ where: { traderId: sofia.userId } })).cash).toEqual(
      cash,
    );
    const again = await importText("positions", "apply", csv);
    expect(again).toMatchObject({ created: 0, changed: 0, unchanged: 4 });
  });

  it("names another firm's trader and symbol unknown, and an instrument without a price", async () => {
    await importText(
      "instruments",
      "apply",
      "symbol,name,sector,currency\nNOPX,No Price,Energy,USD",
    );
    const csv = [
      "trader email,symbol,quantity,average price,opened at",
      "ethan@harbor.example.com,NVX,1,1,2026-11-23",
      "maya@northwind.example.com,NOPX,1,1,2026-11-23",
    ].join("\n");
    const report = await importText("positions", "preview", csv);
    expect(report.errors).toEqual([
      {
        line: 2,
        column: "trader email",
        message: "There is no trader ethan@harbor.example.com in this firm.",
      },
      { line: 3, column: "symbol", message: "NOPX has no price yet: import its closes first." },
    ]);
    // Nor can a trader open a position in it at a price of 0, or see one valued at it.
    const maya = await fixture.callerAs("maya@northwind.example.com");
    const unpriced = {
      code: "PRECONDITION_FAILED",
      message: "NOPX has no price yet: it can be traded once its closes are imported.",
    };
    await expect(maya.positions.open({ symbol: "NOPX", quantity: 1 })).rejects.toMatchObject(
      unpriced,
    );
    await expect(maya.risk.whatIf({ symbol: "NOPX", quantity: 1 })).rejects.toMatchObject(unpriced);
    // Harbor's admin cannot reach Northwind's instruments either.
    const harbor = await importText(
      "closes",
      "apply",
      "symbol,date,close\nZZNEW,2026-11-24,5",
      harborAdmin,
    );
    expect(harbor.errors[0]).toMatchObject({ line: 2, column: "symbol" });
  });
});

describe("an apply with an invalid row", () => {
  it("writes nothing, even of the batches before the row, and answers the preview's report", async () => {
    // Weekdays from 2000 on: more rows than a batch, the bad one in the second batch.
    const lines = ["symbol,date,close"];
    for (let day = Date.UTC(2000, 0, 3); lines.length <= 2_600; day += 86_400_000) {
      const weekday = new Date(day).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      lines.push(`ZZNEW,${new Date(day).toISOString().slice(0, 10)},${lines.length}`);
    }
    lines[2_400] = "ZZNEW,2000-01-01,5";
    const csv = lines.join("\n");
    const bars = () =>
      fixture.database.db.priceBar.count({ where: { instrument: { symbol: "ZZNEW" } } });
    const before = await bars();
    const events = await importEvents();
    const preview = await importText("closes", "preview", csv);
    const applied = await importText("closes", "apply", csv);
    expect(applied).toEqual({ ...preview, mode: "apply" });
    expect(applied).toMatchObject({ rowsRead: 2_600, invalidRows: 1, applied: false });
    expect(applied.errors).toEqual([
      { line: 2_401, column: "date", message: expect.stringMatching(/is a Saturday/) },
    ]);
    expect(await bars()).toBe(before);
    expect(await importEvents()).toBe(events);
  });
});

describe("a file that is not valid CSV", () => {
  it("says where it cannot be read, in its header or past it, and writes nothing", async () => {
    const header = await importText("closes", "apply", 'symbol,"date,close\nNVX,2026-11-24,1');
    expect(header).toMatchObject({ applied: false, rowsRead: 0 });
    expect(header.errors).toEqual([
      { line: expect.any(Number), column: null, message: expect.stringMatching(/never closed/) },
    ]);
    const body = await importText(
      "closes",
      "apply",
      'symbol,date,close\nNVX,2026-11-24,1\nNVX,"2026-11-25,1\nNVX,2026-11-26,1',
    );
    // The rows before it may or may not have been read: it depends on where the chunks end.
    expect(body.applied).toBe(false);
    expect(body.errors).toEqual([
      { line: expect.any(Number), column: null, message: expect.stringMatching(/never closed/) },
    ]);
  });
});

describe("each column's own sentence", () => {
  it("names a bad currency, asset class, quantity, price and opening time", async () => {
    const instruments = await importText(
      "instruments",
      "preview",
      "symbol,name,sector,currency,asset class\nZZCUR,Cur Co,Energy,XYZ,BOND\n,No Symbol,Energy,USD,",
    );
    expect(instruments.errors).toEqual([
      {
        line: 2,
        column: "currency",
        message:
          '"XYZ" is not a currency code: use the three letters of ISO 4217, such as USD or EUR.',
      },
      {
        line: 2,
        column: "asset class",
        message: "asset class must be one of EQUITY, ETF, COMMODITY, INDEX, or left empty.",
      },
      { line: 3, column: "symbol", message: "symbol is empty: every row needs one." },
    ]);
    expect(instruments.invalidRows).toBe(2);
    const positions = await importText(
      "positions",
      "preview",
      "trader email,symbol,quantity,average price,opened at\nmaya@northwind.example.com,NVX,1.23456,0,yesterday",
    );
    expect(positions.errors).toEqual([
      {
        line: 2,
        column: "quantity",
        message: "quantity must be a number such as 1500 or -250.5, with at most 4 decimals.",
      },
      {
        line: 2,
        column: "average price",
        message: "average price must be above 0, such as 187.42.",
      },
      {
        line: 2,
        column: "opened at",
        message:
          "opened at must be a day (2026-11-02) or a UTC time (2026-11-02T14:30:00Z) from 1970 on.",
      },
    ]);
  });
});

describe("rows that did not come from a CSV file (runImport)", () => {
  it("reads keys as a header's names, counts and applies them like a file", async () => {
    const { runImport } = await import("./run-import.ts");
    const deps = {
      db: tenantDb(fixture.deps.db, admin.tenantId),
      cache: fixture.deps.cache,
      clock: systemClock,
    };
    const rows: Record<string, string>[] = [
      { Symbol: "ZZJSON", Name: "Json Co", Sector: "Energy", Currency: "USD" },
      { symbol: "ZZJSON2", name: "Json Two", sector: "Energy", currency: "usd", colour: "red" },
    ];
    const refused = await runImport(deps, {
      kind: "instruments",
      mode: "apply",
      actor: admin,
      rows,
    });
    expect(refused).toMatchObject({ applied: false, created: 1, invalidRows: 1 });
    expect(refused.errors).toEqual([
      { line: 2, column: "colour", message: expect.stringMatching(/^"colour" is not a column/) },
    ]);
    const applied = await runImport(deps, {
      kind: "instruments",
      mode: "apply",
      actor: admin,
      rows: rows.slice(0, 1),
    });
    expect(applied).toMatchObject({ applied: true, created: 1, rowsRead: 1 });
  });
});
