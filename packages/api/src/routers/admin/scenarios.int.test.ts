import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { failureOf } from "../../testing/caller-with.ts";
import { userIdOf } from "../risk/book-test-kit.ts";

let fixture: ApiFixture;
let adminId: string;
beforeAll(async () => {
  fixture = await createApiFixture({ memory: { ttlMs: 60_000 } });
  adminId = await userIdOf(fixture, "admin@northwind.example.com");
});
afterAll(() => fixture.close());

const admin = () => fixture.callerAs("admin@northwind.example.com");
const maya = () => fixture.callerAs("maya@northwind.example.com");
const scenarioRows = () => fixture.database.db.stressScenario.count();

describe("admin.scenarios", () => {
  it("adds a scenario every book is valued under at once, audited, and removes it", async () => {
    const mayaCaller = await maya();
    // Cached before the write: the write must make the next answer new.
    const before = await mayaCaller.risk.stress();
    const { metrics } = await mayaCaller.risk.dashboard();

    const moves = [{ on: "MARKET" as const, move: -0.3 }];
    const created = await (await admin()).admin.scenarios.create({ name: "Crash of 1987", moves });
    expect(created).toMatchObject({ name: "Crash of 1987", moves, createdBy: { id: adminId } });
    expect((await (await admin()).admin.scenarios.list()).scenarios).toContainEqual(created);

    const after = await mayaCaller.risk.stress();
    expect(after.scenarios.slice(0, -1)).toEqual(before.scenarios);
    const firm = after.scenarios.at(-1);
    expect(firm).toMatchObject({ id: created.id, kind: "firm", name: "Crash of 1987" });
    expect(firm?.pnl).toBeCloseTo(-0.3 * metrics.exposure.net, 2);

    await (await admin()).admin.scenarios.delete({ id: created.id });
    expect((await mayaCaller.risk.stress()).scenarios).toEqual(before.scenarios);
    expect((await (await admin()).admin.scenarios.list()).scenarios).not.toContainEqual(created);

    const audit = await fixture.database.db.auditEvent.findMany({
      where: { entityId: created.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: adminId,
        traderId: null,
        entity: "STRESS_SCENARIO",
        action: "CREATE",
        before: null,
        after: { name: "Crash of 1987", moves },
      }),
      expect.objectContaining({
        entity: "STRESS_SCENARIO",
        action: "DELETE",
        before: { name: "Crash of 1987", moves },
        after: null,
      }),
    ]);
  });

  it("moves a symbol by its own move over its sector's and the market's", async () => {
    const mayaCaller = await maya();
    const { metrics } = await mayaCaller.risk.dashboard();
    const [first, second] = metrics.holdings;
    if (!first || !second) throw new Error("Maya's book holds two instruments");
    const created = await (await admin()).admin.scenarios.create({
      name: "One name halves",
      moves: [
        { on: "MARKET", move: 0.01 },
        { on: "SECTOR", sector: first.sector, move: 0.02 },
        { on: "SYMBOL", symbol: first.symbol, move: -0.5 },
      ],
    });
    const firm = (await mayaCaller.risk.stress()).scenarios.find((s) => s.id === created.id);
    const expected = metrics.holdings.reduce(
      (sum, h) =>
        sum +
        h.notional * (h.symbol === first.symbol ? -0.5 : h.sector === first.sector ? 0.02 : 0.01),
      0,
    );
    expect(firm?.pnl).toBeCloseTo(expected, 2);
    await (await admin()).admin.scenarios.delete({ id: created.id });
  });

  it("refuses what cannot be a scenario with the field named, and writes nothing", async () => {
    const caller = await admin();
    await caller.admin.scenarios.create({
      name: "Taken",
      moves: [{ on: "MARKET", move: -0.1 }],
    });
    const rows = await scenarioRows();
    const refused = async (input: unknown) =>
      failureOf(caller.admin.scenarios.create(input as never));

    expect(await refused({ name: " Taken ", moves: [{ on: "MARKET", move: -0.2 }] })).toEqual({
      code: "BAD_REQUEST",
      fields: ["name"],
    });
    expect(
      await refused({ name: "X", moves: [{ on: "SYMBOL", symbol: "NOPE", move: -0.2 }] }),
    ).toEqual({ code: "BAD_REQUEST", fields: ["moves.0.symbol"] });
    expect(
      await refused({ name: "X", moves: [{ on: "SECTOR", sector: "Shipbuilding", move: -0.2 }] }),
    ).toEqual({ code: "BAD_REQUEST", fields: ["moves.0.sector"] });
    const twice = [
      { on: "MARKET", move: -0.1 },
      { on: "MARKET", move: -0.2 },
    ];
    expect(await refused({ name: "X", moves: twice })).toEqual({
      code: "BAD_REQUEST",
      fields: ["moves.1"],
    });
    expect(await refused({ name: "X", moves: [{ on: "MARKET", move: -1.5 }] })).toEqual({
      code: "BAD_REQUEST",
      fields: ["moves.0.move"],
    });
    expect(await refused({ name: "X", moves: [] })).toEqual({
      code: "BAD_REQUEST",
      fields: ["moves"],
    });
    expect(await scenarioRows()).toBe(rows);
  });

  it("is the firm's own: another firm neither sees it nor is valued under it", async () => {
    const created = await (await admin()).admin.scenarios.create({
      name: "Northwind only",
      moves: [{ on: "MARKET", move: -0.05 }],
    });
    const harborAdmin = await fixture.callerAs("admin@harbor.example.com");
    const { scenarios } = await harborAdmin.admin.scenarios.list();
    expect(scenarios.map((s) => s.id)).not.toContain(created.id);
    const ethan = await fixture.callerAs("ethan@harbor.example.com");
    expect((await ethan.risk.stress()).scenarios.map((s) => s.id)).not.toContain(created.id);
  });
});
