import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import type { Caller } from "./book-test-kit.ts";
import { databaseSnapshot, expectRefusedField, userIdOf } from "./book-test-kit.ts";

let fixture: ApiFixture;
let sofiaId: string;
let adminId: string;
beforeAll(async () => {
  // A minute in process memory: "the next read is served from memory" is then a fact, not a
  // race against the 2 s in-process TTL on a loaded machine.
  fixture = await createApiFixture({ memory: { ttlMs: 60_000 } });
  sofiaId = await userIdOf(fixture, "sofia@northwind.example.com");
  adminId = await userIdOf(fixture, "admin@northwind.example.com");
});
afterAll(() => fixture.close());

const notionalCap = {
  type: "MAX_POSITION_NOTIONAL",
  threshold: 1_000_000,
  warnFraction: 0.75,
  severity: "HARD",
  symbol: null,
  active: true,
} as const;

describe("risk.limits.create", () => {
  it("adds the limit to the trader's list and to the next metrics, and audits it", async () => {
    const admin = await fixture.callerAs("admin@northwind.example.com");
    const sofia = await fixture.callerAs("sofia@northwind.example.com");
    // Both cached before the write: the write must drop them.
    await sofia.risk.limits.list();
    expect((await sofia.risk.dashboard()).metrics.limits).toHaveLength(8);
    expect((await sofia.risk.dashboard()).freshness.source).toBe("memory");

    const created = await admin.risk.limits.create({ traderId: sofiaId, ...notionalCap });
    expect(created).toMatchObject({ ...notionalCap, version: 1 });

    const { limits } = await sofia.risk.limits.list();
    expect(limits).toHaveLength(9);
    expect(limits).toContainEqual(created);
    const metrics = await sofia.risk.dashboard();
    expect(metrics.freshness.source).toBe("computed");
    const measured = metrics.metrics.limits.find((limit) => limit.id === created.id);
    expect(measured).toMatchObject({ threshold: 1_000_000, warnFraction: 0.75 });
    expect(measured?.measured).toBeGreaterThan(0);

    const audit = await fixture.database.db.auditEvent.findMany({
      where: { entityId: created.id },
    });
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: adminId,
        traderId: sofiaId,
        entity: "LIMIT",
        action: "CREATE",
        before: null,
        after: { ...notionalCap, version: 1 },
      }),
    ]);
  });

  it("lists an inactive limit without measuring it", async () => {
    const admin = await fixture.callerAs("admin@northwind.example.com");
    const created = await admin.risk.limits.create({
      traderId: sofiaId,
      ...notionalCap,
      symbol: await symbolWithoutLimit(sofiaId),
      active: false,
    });
    const { limits } = await admin.risk.limits.list({ traderId: sofiaId });
    expect(limits.find((limit) => limit.id === created.id)?.active).toBe(false);
    const { metrics } = await admin.risk.dashboard({ traderId: sofiaId });
    expect(metrics.limits.map((limit) => limit.id)).not.toContain(created.id);
  });

  it("is for admins of the trader's firm only, and refusing writes nothing", async () => {
    const before = await databaseSnapshot(fixture);
    const sofia = await fixture.callerAs("sofia@northwind.example.com");
    const harborAdmin = await fixture.callerAs("admin@harbor.example.com");
    await expect(
      sofia.risk.limits.create({ traderId: sofiaId, ...notionalCap }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      harborAdmin.risk.limits.create({ traderId: sofiaId, ...notionalCap }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await databaseSnapshot(fixture)).toEqual(before);
  });
});

/** A symbol of Northwind's that none of the trader's limits names yet. */
async function symbolWithoutLimit(traderId: string): Promise<string> {
  const { db } = fixture.database;
  const named = await db.riskLimit.findMany({ where: { traderId }, select: { symbol: true } });
  const trader = await db.user.findUniqueOrThrow({ where: { id: traderId } });
  const instrument = await db.instrument.findFirstOrThrow({
    where: {
      tenantId: trader.tenantId,
      symbol: { notIn: named.flatMap((limit) => (limit.symbol ? [limit.symbol] : [])) },
    },
    orderBy: { symbol: "asc" },
  });
  return instrument.symbol;
}

/** The AppError behind a refusal: its code and the sentence for each field it names. */
async function refusalOf(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason as { code: string; cause?: { fieldErrors?: unknown } },
  );
  return { code: error?.code, fieldErrors: error?.cause?.fieldErrors };
}

describe("risk.limits.create checks the book and the firm, and refusing writes nothing", () => {
  it("refuses a symbol the firm does not trade", async () => {
    const admin = await fixture.callerAs("admin@northwind.example.com");
    const before = await databaseSnapshot(fixture);
    const refused = await refusalOf(
      admin.risk.limits.create({ traderId: sofiaId, ...notionalCap, symbol: "NOSUCH" }),
    );
    expect(refused).toEqual({
      code: "BAD_REQUEST",
      fieldErrors: { symbol: ["There is no instrument NOSUCH."] },
    });
    expect(await databaseSnapshot(fixture)).toEqual(before);
  });

  it("refuses a second limit of the same type and symbol, naming the one there is", async () => {
    const admin = await fixture.callerAs("admin@northwind.example.com");
    const before = await databaseSnapshot(fixture);
    // Every demo book carries one leverage limit.
    const refused = await refusalOf(
      admin.risk.limits.create({
        traderId: sofiaId,
        ...notionalCap,
        type: "MAX_LEVERAGE",
        threshold: 3,
      }),
    );
    const sentence = "This book already has a Leverage limit: change that one instead.";
    expect(refused).toEqual({ code: "BAD_REQUEST", fieldErrors: { type: [sentence] } });
    expect(await databaseSnapshot(fixture)).toEqual(before);
  });

  it("lets one of several admins adding the same limit at once through, and refuses the rest", async () => {
    const admin = await fixture.callerAs("admin@northwind.example.com");
    const symbol = await symbolWithoutLimit(sofiaId);
    const same = { traderId: sofiaId, ...notionalCap, symbol };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () => admin.risk.limits.create(same)),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected")
        expect(outcome.reason).toMatchObject({ code: "BAD_REQUEST" });
    }
    const rows = await fixture.database.db.riskLimit.count({
      where: { traderId: sofiaId, type: "MAX_POSITION_NOTIONAL", symbol },
    });
    expect(rows).toBe(1);
  });
});

describe("risk.limits.create refuses bad input and changes nothing", () => {
  let admin: Caller;
  beforeAll(async () => {
    admin = await fixture.callerAs("admin@northwind.example.com");
  });
  const megabyte = "A".repeat(1_000_000);
  const cases: [string, Record<string, unknown>, string][] = [
    ["a zero threshold", { threshold: 0 }, "threshold"],
    ["a negative threshold", { threshold: -5 }, "threshold"],
    ["a threshold the column would round to 0", { threshold: 0.0000001 }, "threshold"],
    ["a threshold that is not a number", { threshold: Number.NaN }, "threshold"],
    ["a threshold sent as text", { threshold: "1000" }, "threshold"],
    ["a warn fraction of 0", { warnFraction: 0 }, "warnFraction"],
    ["a warn fraction of 1", { warnFraction: 1 }, "warnFraction"],
    ["a warn fraction the column would round to 1", { warnFraction: 0.9999 }, "warnFraction"],
    [
      "a fraction limit above 1 (15 meant 15%)",
      { type: "MAX_CONCENTRATION", threshold: 15 },
      "threshold",
    ],
    ["a leverage no mandate allows (1e9×)", { type: "MAX_LEVERAGE", threshold: 1e9 }, "threshold"],
    ["an unknown limit type", { type: "MAX_FUN" }, "type"],
    ["an unknown severity", { severity: "MEDIUM" }, "severity"],
    ["a 1 MB symbol", { symbol: megabyte }, "symbol"],
    ["a 1 MB type", { type: megabyte }, "type"],
    [
      "a symbol on a book-wide limit",
      { type: "MAX_LEVERAGE", threshold: 2, symbol: "AAPL" },
      "symbol",
    ],
    ["active sent as text", { active: "yes" }, "active"],
    ["a malformed trader id", { traderId: "sofia" }, "traderId"],
    ["a missing severity", { severity: undefined }, "severity"],
    ["a missing trader", { traderId: undefined }, "traderId"],
    ["an extra field", { tenantId: "00000000-0000-4000-8000-000000000000" }, "tenantId"],
  ];

  it.each(cases)("%s", async (_, change, field) => {
    const before = await databaseSnapshot(fixture);
    const input = { traderId: sofiaId, ...notionalCap, ...change };
    await expectRefusedField(admin.risk.limits.create(input as never), field);
    expect(await databaseSnapshot(fixture)).toEqual(before);
  });
});
