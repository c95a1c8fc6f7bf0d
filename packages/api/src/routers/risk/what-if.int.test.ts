import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { failureOf } from "../../testing/caller-with.ts";
import { databaseSnapshot, userIdOf } from "./book-test-kit.ts";

let fixture: ApiFixture;
let mayaId: string;
beforeAll(async () => {
  fixture = await createApiFixture();
  mayaId = await userIdOf(fixture, "maya@northwind.example.com");
});
afterAll(() => fixture.close());

/** A Northwind instrument Maya neither holds nor has a limit on, and one she holds. */
async function instruments() {
  const { db } = fixture.database;
  const maya = await db.user.findUniqueOrThrow({ where: { id: mayaId } });
  const held = await db.position.findMany({
    where: { traderId: mayaId, closedAt: null },
    select: { instrument: { select: { symbol: true, lastPrice: true } } },
    orderBy: { instrument: { symbol: "asc" } },
  });
  const limited = await db.riskLimit.findMany({ where: { traderId: mayaId } });
  const taken = [
    ...held.map((p) => p.instrument.symbol),
    ...limited.flatMap((l) => l.symbol ?? []),
  ];
  const fresh = await db.instrument.findFirstOrThrow({
    where: { tenantId: maya.tenantId, symbol: { notIn: [...taken, "RDX"] } },
    orderBy: { symbol: "asc" },
  });
  // The smallest holding with no limit of its own.
  const heldFree = held.find((p) => !limited.some((l) => l.symbol === p.instrument.symbol));
  if (!heldFree) throw new Error("Maya holds an instrument no limit names");
  return { fresh, held: heldFree.instrument };
}

/** The code and sentence a call was refused with. */
async function refusalOf(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await call.then(
    () => ({ code: "OK", message: "" }),
    (reason: { code: string; message: string }) => reason,
  );
  return { code: error.code, message: error.message };
}

const positionsOf = (traderId: string) =>
  fixture.database.db.position.count({ where: { traderId, closedAt: null } });

describe("risk.whatIf", () => {
  it("shows the book and every limit after a trade, and opens nothing", async () => {
    const maya = await fixture.callerAs("maya@northwind.example.com");
    const { fresh } = await instruments();
    const before = await databaseSnapshot(fixture);
    const open = await positionsOf(mayaId);

    const result = await maya.risk.whatIf({ symbol: fresh.symbol, quantity: 100 });
    const price = fresh.lastPrice.toNumber();
    expect(result.trade).toEqual({
      symbol: fresh.symbol,
      quantity: 100,
      price,
      notional: 100 * price,
    });
    expect(result.after.gross).toBeCloseTo(result.before.gross + 100 * price, 6);
    // Paid for from the cash: the NAV stays, so leverage rises with the gross.
    expect(result.after.nav).toBeCloseTo(result.before.nav, 6);
    expect(result.after.leverage).toBeCloseTo(result.after.gross / result.before.nav, 9);
    expect(result.limits).toHaveLength(8);
    const gross = result.limits.find((l) => l.type === "MAX_GROSS_EXPOSURE");
    expect(gross?.after.measured).toBeCloseTo(result.after.gross, 6);
    expect(gross?.after.utilisation).toBeGreaterThan(gross?.before.utilisation as number);

    expect(await databaseSnapshot(fixture)).toEqual(before);
    expect(await positionsOf(mayaId)).toBe(open);
  });

  it("answers an unknown symbol under its field", async () => {
    const maya = await fixture.callerAs("maya@northwind.example.com");
    const failure = await failureOf(maya.risk.whatIf({ symbol: "NOSUCH", quantity: 1 }));
    // As positions.open answers it.
    expect(failure).toEqual({ code: "NOT_FOUND", fields: ["symbol"] });
  });
});

describe("positions.open checks the trade first", () => {
  it("refuses a trade that takes a hard limit past 100 %, naming the limit and the numbers", async () => {
    const maya = await fixture.callerAs("maya@northwind.example.com");
    const { fresh } = await instruments();
    const open = await positionsOf(mayaId);
    // A trade of half her gross: past at least one of her hard limits (the what-if says which).
    const { after } = await maya.risk.whatIf({ symbol: fresh.symbol, quantity: 1 });
    const quantity = Math.round(after.gross / 2 / fresh.lastPrice.toNumber());
    const { limits, currency } = await maya.risk.whatIf({ symbol: fresh.symbol, quantity });
    const breached = limits.filter((l) => l.breachedByTrade && l.severity === "HARD");
    expect(breached.length).toBeGreaterThan(0);
    expect(currency).toBe("USD");

    const failure = await refusalOf(maya.positions.open({ symbol: fresh.symbol, quantity }));
    expect(failure.code).toBe("PRECONDITION_FAILED");
    expect(failure.message).toMatch(/^Not opened: it would take the hard limit on .+\.$/);
    for (const limit of breached) expect(failure.message).toContain(`${limit.name} to `);
    expect(failure.message).toMatch(/ against a limit of \S+\.$/);
    expect(await positionsOf(mayaId)).toBe(open);
  });

  it("opens past a soft limit only when confirmed, and audits what was accepted", async () => {
    const admin = await fixture.callerAs("admin@northwind.example.com");
    const maya = await fixture.callerAs("maya@northwind.example.com");
    const { fresh } = await instruments();
    const cap = fresh.lastPrice.toNumber() * 10;
    await admin.risk.limits.create({
      traderId: mayaId,
      type: "MAX_POSITION_NOTIONAL",
      threshold: cap,
      warnFraction: 0.8,
      severity: "SOFT",
      symbol: fresh.symbol,
      active: true,
    });
    const open = await positionsOf(mayaId);

    const unconfirmed = await refusalOf(
      maya.positions.open({ symbol: fresh.symbol, quantity: 20 }),
    );
    expect(unconfirmed.code).toBe("PRECONDITION_FAILED");
    expect(unconfirmed.message).toContain(
      `the soft limit on Position notional (${fresh.symbol}) to`,
    );
    expect(unconfirmed.message).toMatch(/Confirm to open it anyway\.$/);
    expect(await positionsOf(mayaId)).toBe(open);

    const opened = await maya.positions.open({
      symbol: fresh.symbol,
      quantity: 20,
      acceptSoftBreaches: true,
    });
    const audit = await fixture.database.db.auditEvent.findFirstOrThrow({
      where: { entityId: opened.id },
    });
    expect(audit.after).toMatchObject({
      symbol: fresh.symbol,
      acceptedSoftBreaches: [`Position notional (${fresh.symbol})`],
    });
  });

  it("lets a trade reduce a breached hard limit, and refuses one that adds to it", async () => {
    const admin = await fixture.callerAs("admin@northwind.example.com");
    const maya = await fixture.callerAs("maya@northwind.example.com");
    const { held } = await instruments();
    // Already breached: a hard cap of $1 on a holding worth far more.
    await admin.risk.limits.create({
      traderId: mayaId,
      type: "MAX_POSITION_NOTIONAL",
      threshold: 1,
      warnFraction: 0.8,
      severity: "HARD",
      symbol: held.symbol,
      active: true,
    });
    const reduced = await maya.positions.open({ symbol: held.symbol, quantity: -1 });
    expect(reduced.quantity).toBe(-1);
    const added = await refusalOf(maya.positions.open({ symbol: held.symbol, quantity: 1 }));
    expect(added.code).toBe("PRECONDITION_FAILED");
    expect(added.message).toContain(`the hard limit on Position notional (${held.symbol})`);
  });
});
