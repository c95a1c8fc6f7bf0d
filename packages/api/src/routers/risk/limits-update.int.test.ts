import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import {
  type Caller,
  databaseSnapshot,
  expectRefusedField,
  limitEdit,
  limitRow,
  userIdOf,
} from "./book-test-kit.ts";

let fixture: ApiFixture;
let admin: Caller;
let adminId: string;
beforeAll(async () => {
  // A minute in process memory: "the next read is served from memory" is then a fact, not a
  // race against the 2 s in-process TTL on a loaded machine.
  fixture = await createApiFixture({ memory: { ttlMs: 60_000 } });
  admin = await fixture.callerAs("admin@northwind.example.com");
  adminId = await userIdOf(fixture, "admin@northwind.example.com");
});
afterAll(() => fixture.close());

function editOf(traderId: string, type: string) {
  return limitEdit(admin, traderId, type);
}

describe("risk.limits.update", () => {
  it("changes what the trader's next metrics measure against, and clears the alert it settles", async () => {
    // Lucas's leverage sits at 93% of its limit: a WARN.
    const lucasId = await userIdOf(fixture, "lucas@northwind.example.com");
    const lucas = await fixture.callerAs("lucas@northwind.example.com");
    const before = (await lucas.risk.dashboard()).metrics.limits.find(
      (limit) => limit.type === "MAX_LEVERAGE",
    );
    expect(before?.status).toBe("WARN");
    const warned = await lucas.risk.alerts.list();
    expect(warned.alerts.map((alert) => alert.limit.type)).toContain("MAX_LEVERAGE");
    expect((await lucas.risk.dashboard()).freshness.source).toBe("memory");

    const edit = await editOf(lucasId, "MAX_LEVERAGE");
    const doubled = edit.threshold * 2;
    const updated = await admin.risk.limits.update({ ...edit, threshold: doubled });
    expect(updated).toMatchObject({ threshold: doubled, version: edit.version + 1 });

    const after = await lucas.risk.dashboard();
    expect(after.freshness.source).toBe("computed");
    const leverage = after.metrics.limits.find((limit) => limit.id === edit.id);
    expect(leverage?.threshold).toBe(doubled);
    expect(leverage?.utilisation).toBeCloseTo((before?.utilisation ?? 0) / 2, 10);
    expect(leverage?.status).toBe("OK");
    expect((await lucas.risk.limits.list()).limits).toContainEqual(updated);
    const settled = await lucas.risk.alerts.list();
    expect(settled.alerts.map((alert) => alert.limit.type)).not.toContain("MAX_LEVERAGE");
  });

  it("audits who changed what, before and after", async () => {
    const mayaId = await userIdOf(fixture, "maya@northwind.example.com");
    const edit = await editOf(mayaId, "MAX_VAR");
    await admin.risk.limits.update({ ...edit, severity: "SOFT", warnFraction: 0.9 });
    const audit = await fixture.database.db.auditEvent.findMany({ where: { entityId: edit.id } });
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: adminId,
        traderId: mayaId,
        entity: "LIMIT",
        action: "UPDATE",
        before: expect.objectContaining({ severity: "HARD", warnFraction: 0.8, version: 1 }),
        after: expect.objectContaining({ severity: "SOFT", warnFraction: 0.9, version: 2 }),
      }),
    ]);
  });

  it("lets exactly one of two saves from the same version win; the other is CONFLICT", async () => {
    const mayaId = await userIdOf(fixture, "maya@northwind.example.com");
    const edit = await editOf(mayaId, "MAX_NET_EXPOSURE");
    const results = await Promise.allSettled([
      admin.risk.limits.update({ ...edit, threshold: 111_111 }),
      admin.risk.limits.update({ ...edit, threshold: 222_222 }),
    ]);
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result) => result.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toMatchObject({ code: "CONFLICT" });
    const winner = (won[0] as PromiseFulfilledResult<{ threshold: number }>).value.threshold;

    const row = await limitRow(fixture, mayaId, "MAX_NET_EXPOSURE");
    expect(row.threshold.toNumber()).toBe(winner);
    expect(row.version).toBe(edit.version + 1);
    const audit = await fixture.database.db.auditEvent.findMany({ where: { entityId: edit.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toMatchObject({ threshold: winner });
  });

  it("refuses a stale version with CONFLICT, changing and auditing nothing", async () => {
    const mayaId = await userIdOf(fixture, "maya@northwind.example.com");
    const edit = await editOf(mayaId, "MAX_DAILY_LOSS");
    await admin.risk.limits.update({ ...edit, threshold: edit.threshold + 1 });
    const before = await databaseSnapshot(fixture);
    await expect(
      admin.risk.limits.update({ ...edit, threshold: edit.threshold + 2 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await databaseSnapshot(fixture)).toEqual(before);
  });

  it("answers NOT_FOUND for a limit outside the trader's book, changing nothing", async () => {
    const mayaId = await userIdOf(fixture, "maya@northwind.example.com");
    const jonasId = await userIdOf(fixture, "jonas@northwind.example.com");
    const ethanId = await userIdOf(fixture, "ethan@harbor.example.com");
    const jonasLimit = await editOf(jonasId, "MAX_VAR");
    const ethanLimit = await limitRow(fixture, ethanId, "MAX_VAR");
    const before = await databaseSnapshot(fixture);
    await expect(
      admin.risk.limits.update({ ...jonasLimit, traderId: mayaId }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      admin.risk.limits.update({ ...jonasLimit, traderId: mayaId, id: ethanLimit.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await databaseSnapshot(fixture)).toEqual(before);
  });

  it("is for admins only", async () => {
    const mayaId = await userIdOf(fixture, "maya@northwind.example.com");
    const maya = await fixture.callerAs("maya@northwind.example.com");
    const edit = await editOf(mayaId, "MAX_GROSS_EXPOSURE");
    await expect(maya.risk.limits.update({ ...edit, threshold: 1e12 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await limitRow(fixture, mayaId, "MAX_GROSS_EXPOSURE")).version).toBe(edit.version);
  });

  it("keeps the limit as it was when its audit row cannot be written", async () => {
    // A change and its audit row commit together: make PostgreSQL refuse audit rows for a moment.
    const { db } = fixture.database;
    const mayaId = await userIdOf(fixture, "maya@northwind.example.com");
    const edit = await editOf(mayaId, "MAX_DRAWDOWN");
    const before = await databaseSnapshot(fixture);
    await db.$executeRawUnsafe(`CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql
      AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_audit BEFORE INSERT ON "AuditEvent"
      FOR EACH ROW EXECUTE FUNCTION refuse_audit()`);
    try {
      await expect(admin.risk.limits.update({ ...edit, threshold: 0.5 })).rejects.toMatchObject({
        code: "INTERNAL_SERVER_ERROR",
      });
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER refuse_audit ON "AuditEvent"`);
      await db.$executeRawUnsafe("DROP FUNCTION refuse_audit()");
    }
    expect(await databaseSnapshot(fixture)).toEqual(before);
  });
});

describe("risk.limits.update refuses bad input and changes nothing", () => {
  let edit: Awaited<ReturnType<typeof editOf>>;
  beforeAll(async () => {
    edit = await editOf(await userIdOf(fixture, "jonas@northwind.example.com"), "MAX_DRAWDOWN");
  });

  const cases: [string, Record<string, unknown>, string][] = [
    ["a zero threshold", { threshold: 0 }, "threshold"],
    ["a negative threshold", { threshold: -0.1 }, "threshold"],
    ["a fraction limit above 1", { threshold: 1.5 }, "threshold"],
    ["a warn fraction of 0", { warnFraction: 0 }, "warnFraction"],
    ["a warn fraction of 1", { warnFraction: 1 }, "warnFraction"],
    ["an unknown severity", { severity: "CRITICAL" }, "severity"],
    ["a 1 MB symbol", { symbol: "x".repeat(1_000_000) }, "symbol"],
    ["a version of 0", { version: 0 }, "version"],
    ["a version sent as text", { version: "1" }, "version"],
    ["a fractional version", { version: 1.5 }, "version"],
    ["a malformed limit id", { id: "limit-1" }, "id"],
    ["a missing version", { version: undefined }, "version"],
    ["a missing limit id", { id: undefined }, "id"],
    ["an extra field", { createdAt: new Date() }, "createdAt"],
  ];

  it.each(cases)("%s", async (_, change, field) => {
    const before = await databaseSnapshot(fixture);
    await expectRefusedField(admin.risk.limits.update({ ...edit, ...change } as never), field);
    expect(await databaseSnapshot(fixture)).toEqual(before);
  });
});
