import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { failureOf } from "../../testing/caller-with.ts";

type Caller = Awaited<ReturnType<ApiFixture["callerAs"]>>;

let fixture: ApiFixture;
let maya: Caller;
let admin: Caller;
let mayaId: string;
let jonasId: string;

beforeAll(async () => {
  fixture = await createApiFixture();
  maya = await fixture.callerAs("maya@northwind.example.com");
  admin = await fixture.callerAs("admin@northwind.example.com");
  const users = await fixture.database.db.user.findMany({
    where: { email: { in: ["maya@northwind.example.com", "jonas@northwind.example.com"] } },
  });
  mayaId = users.find((u) => u.email.startsWith("maya"))?.id as string;
  jonasId = users.find((u) => u.email.startsWith("jonas"))?.id as string;
});
afterAll(() => fixture.close());

/** An instrument of the trader's tenant that the trader holds no open position in. */
async function unheldInstrument(traderId: string) {
  const trader = await fixture.database.db.user.findUniqueOrThrow({ where: { id: traderId } });
  const held = await fixture.database.db.position.findMany({
    where: { traderId, closedAt: null },
    select: { instrumentId: true },
  });
  const taken = new Set(held.map((p) => p.instrumentId));
  const instruments = await fixture.database.db.instrument.findMany({
    where: { tenantId: trader.tenantId, assetClass: "EQUITY" },
    orderBy: { symbol: "asc" },
  });
  const free = instruments.filter((i) => !taken.has(i.id));
  return free[free.length - 1] ?? (instruments[0] as (typeof instruments)[number]);
}

const openRows = (traderId: string) =>
  fixture.database.db.position.count({ where: { traderId, closedAt: null } });
const auditRows = () => fixture.database.db.auditEvent.count();
const cashOf = async (traderId: string) =>
  (await fixture.database.db.account.findFirstOrThrow({ where: { traderId } })).cash.toNumber();

describe("positions.list", () => {
  it("lists the trader's open positions valued at the last price", async () => {
    const positions = await maya.positions.list();
    expect(positions.length).toBe(await openRows(mayaId));
    for (const p of positions) {
      expect(p.closedAt).toBeNull();
      expect(p.notional).toBeCloseTo(p.quantity * p.lastPrice, 6);
      expect(p.unrealisedPnl).toBeCloseTo(p.quantity * (p.lastPrice - p.averagePrice), 6);
      expect(p.symbol).toMatch(/^[A-Z0-9.-]+$/);
      expect(p.name.length).toBeGreaterThan(0);
      expect(p.sector.length).toBeGreaterThan(0);
    }
  });

  it("lets an admin list a trader's book and refuses a trader another's", async () => {
    const jonasBook = await admin.positions.list({ traderId: jonasId });
    expect(jonasBook.length).toBe(await openRows(jonasId));
    expect((await failureOf(maya.positions.list({ traderId: jonasId }))).code).toBe("FORBIDDEN");
  });
});

describe("positions.open", () => {
  it("opens at the last price, audits it and shows in the next metrics read", async () => {
    const instrument = await unheldInstrument(mayaId);
    const before = await maya.risk.dashboard();
    expect(before.metrics.holdings.some((h) => h.symbol === instrument.symbol)).toBe(false);
    expect((await maya.risk.dashboard()).freshness.source).not.toBe("computed");

    const opened = await maya.positions.open({
      symbol: instrument.symbol.toLowerCase(),
      quantity: 120.5,
    });
    expect(opened).toMatchObject({
      symbol: instrument.symbol,
      quantity: 120.5,
      averagePrice: instrument.lastPrice.toNumber(),
      unrealisedPnl: 0,
      closedAt: null,
    });
    expect((await maya.positions.list()).map((p) => p.id)).toContain(opened.id);

    // The write dropped the cached metrics: the next read is recomputed with the new holding.
    const after = await maya.risk.dashboard();
    expect(after.freshness.source).toBe("computed");
    expect(after.metrics.holdings.some((h) => h.symbol === instrument.symbol)).toBe(true);
    expect(after.metrics.exposure.gross).toBeCloseTo(
      before.metrics.exposure.gross + 120.5 * instrument.lastPrice.toNumber(),
      2,
    );
    // Paid for from the cash at the price it opened at: the net asset value stays where it was.
    expect(after.metrics.cash).toBeCloseTo(
      before.metrics.cash - 120.5 * instrument.lastPrice.toNumber(),
      2,
    );
    expect(after.metrics.nav).toBeCloseTo(before.metrics.nav, 2);

    const audit = await fixture.database.db.auditEvent.findMany({ where: { entityId: opened.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: mayaId,
      traderId: mayaId,
      entity: "POSITION",
      action: "CREATE",
      before: null,
      after: { symbol: instrument.symbol, quantity: 120.5, closedAt: null },
    });
  });

  it("lets an admin open a short on a trader's book, audited as the admin", async () => {
    const instrument = await unheldInstrument(jonasId);
    const cashBefore = await cashOf(jonasId);
    const opened = await admin.positions.open({
      traderId: jonasId,
      symbol: instrument.symbol,
      quantity: -50,
    });
    expect(opened.quantity).toBe(-50);
    expect(opened.notional).toBeLessThan(0);
    // A short sale's proceeds are credited to the cash.
    expect(await cashOf(jonasId)).toBeCloseTo(cashBefore + 50 * instrument.lastPrice.toNumber(), 4);
    const row = await fixture.database.db.position.findUniqueOrThrow({ where: { id: opened.id } });
    expect(row.traderId).toBe(jonasId);
    const audit = await fixture.database.db.auditEvent.findFirstOrThrow({
      where: { entityId: opened.id },
      include: { actor: true },
    });
    expect(audit.actor.email).toBe("admin@northwind.example.com");
    expect(audit.traderId).toBe(jonasId);
  });

  it("refuses bad input with the field named and changes nothing", async () => {
    const { symbol } = await unheldInstrument(mayaId);
    const positions = await openRows(mayaId);
    const audits = await auditRows();
    const cases: [unknown, string, string[]][] = [
      [{ symbol, quantity: 0 }, "BAD_REQUEST", ["quantity"]],
      [{ symbol, quantity: Number.NaN }, "BAD_REQUEST", ["quantity"]],
      [{ symbol, quantity: Number.POSITIVE_INFINITY }, "BAD_REQUEST", ["quantity"]],
      [{ symbol, quantity: "100" }, "BAD_REQUEST", ["quantity"]],
      [{ symbol, quantity: null }, "BAD_REQUEST", ["quantity"]],
      [{ symbol, quantity: 1e9 + 1 }, "BAD_REQUEST", ["quantity"]],
      [{ symbol, quantity: 0.00001 }, "BAD_REQUEST", ["quantity"]],
      [{ symbol }, "BAD_REQUEST", ["quantity"]],
      [{ quantity: 10 }, "BAD_REQUEST", ["symbol"]],
      [{ symbol: "A".repeat(1_000_000), quantity: 10 }, "BAD_REQUEST", ["symbol"]],
      [{ symbol, quantity: 10, averagePrice: 0.01 }, "BAD_REQUEST", [""]],
      [{ symbol: "NOPE", quantity: 10 }, "NOT_FOUND", ["symbol"]],
    ];
    for (const [input, code, fields] of cases) {
      const failure = await failureOf(maya.positions.open(input as never));
      expect({ input: JSON.stringify(input).slice(0, 60), ...failure }).toEqual({
        input: JSON.stringify(input).slice(0, 60),
        code,
        fields,
      });
    }
    expect(await openRows(mayaId)).toBe(positions);
    expect(await auditRows()).toBe(audits);
  });

  it("keeps traders to their own book and admins to their own tenant", async () => {
    const { symbol } = await unheldInstrument(jonasId);
    const harborTrader = await fixture.database.db.user.findFirstOrThrow({
      where: { email: "ethan@harbor.example.com" },
    });
    const opened = (traderId: string) => openRows(traderId);
    const counts = [await opened(jonasId), await opened(harborTrader.id)];
    const asMaya = await failureOf(maya.positions.open({ traderId: jonasId, symbol, quantity: 1 }));
    expect(asMaya.code).toBe("FORBIDDEN");
    const asAdmin = await failureOf(
      admin.positions.open({ traderId: harborTrader.id, symbol, quantity: 1 }),
    );
    expect(asAdmin.code).toBe("NOT_FOUND");
    expect([await opened(jonasId), await opened(harborTrader.id)]).toEqual(counts);
  });
});

describe("positions.close", () => {
  it("closes a position, audits before and after, and drops it from the next metrics", async () => {
    const instrument = await unheldInstrument(mayaId);
    const opened = await maya.positions.open({ symbol: instrument.symbol, quantity: 10 });
    const held = await maya.risk.dashboard();
    expect(held.metrics.holdings.some((h) => h.symbol === instrument.symbol)).toBe(true);

    // The price moves while it is held: the close settles at the new one.
    await fixture.database.db.instrument.update({
      where: { id: instrument.id },
      data: { lastPrice: instrument.lastPrice.mul(1.1) },
    });
    const cashHeld = await cashOf(mayaId);
    const closed = await maya.positions.close({ positionId: opened.id });
    expect(closed.closedAt).toBeInstanceOf(Date);
    const closePrice = instrument.lastPrice.mul(1.1).toNumber();
    expect(await cashOf(mayaId)).toBeCloseTo(cashHeld + 10 * closePrice, 4);
    expect((await maya.positions.list()).map((p) => p.id)).not.toContain(opened.id);
    const row = await fixture.database.db.position.findUniqueOrThrow({ where: { id: opened.id } });
    expect(row.closedAt).toEqual(closed.closedAt);

    const after = await maya.risk.dashboard();
    expect(after.freshness.source).toBe("computed");
    expect(after.metrics.holdings.some((h) => h.symbol === instrument.symbol)).toBe(false);

    const update = await fixture.database.db.auditEvent.findFirstOrThrow({
      where: { entityId: opened.id, action: "UPDATE" },
    });
    expect(update).toMatchObject({
      actorId: mayaId,
      entity: "POSITION",
      before: { symbol: instrument.symbol, quantity: 10, closedAt: null },
      after: {
        symbol: instrument.symbol,
        quantity: 10,
        closedAt: closed.closedAt?.toISOString(),
        closePrice,
      },
    });
  });

  it("lets exactly one of two concurrent closes through; the other gets CONFLICT", async () => {
    const { symbol } = await unheldInstrument(mayaId);
    const opened = await maya.positions.open({ symbol, quantity: 5 });
    const results = await Promise.allSettled([
      maya.positions.close({ positionId: opened.id }),
      admin.positions.close({ traderId: mayaId, positionId: opened.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect((rejected as PromiseRejectedResult).reason.code).toBe("CONFLICT");
    const winner = results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{
      closedAt: Date | null;
    }>;

    // Closing again is refused too, and nothing about the closed position moves.
    expect((await failureOf(maya.positions.close({ positionId: opened.id }))).code).toBe(
      "CONFLICT",
    );
    const row = await fixture.database.db.position.findUniqueOrThrow({ where: { id: opened.id } });
    expect(row.closedAt).toEqual(winner.value.closedAt);
    const updates = await fixture.database.db.auditEvent.count({
      where: { entityId: opened.id, action: "UPDATE" },
    });
    expect(updates).toBe(1);
  });

  it("answers NOT_FOUND for a position outside the book and changes nothing", async () => {
    const jonasPosition = await fixture.database.db.position.findFirstOrThrow({
      where: { traderId: jonasId, closedAt: null },
    });
    const audits = await auditRows();
    for (const positionId of [randomUUID(), jonasPosition.id]) {
      expect((await failureOf(maya.positions.close({ positionId }))).code).toBe("NOT_FOUND");
    }
    const badInputs = [{}, { positionId: "42" }, { positionId: jonasPosition.id, extra: 1 }];
    for (const input of badInputs) {
      expect((await failureOf(maya.positions.close(input as never))).code).toBe("BAD_REQUEST");
    }
    const row = await fixture.database.db.position.findUniqueOrThrow({
      where: { id: jonasPosition.id },
    });
    expect(row.closedAt).toBeNull();
    expect(await auditRows()).toBe(audits);
  });
});
