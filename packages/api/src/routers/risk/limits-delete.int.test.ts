import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import {
  type Caller,
  databaseSnapshot,
  expectRefusedField,
  limitRow,
  userIdOf,
} from "./book-test-kit.ts";

let fixture: ApiFixture;
let admin: Caller;
let priyaId: string;
beforeAll(async () => {
  fixture = await createApiFixture();
  admin = await fixture.callerAs("admin@northwind.example.com");
  priyaId = await userIdOf(fixture, "priya@northwind.example.com");
});
afterAll(() => fixture.close());

describe("risk.limits.delete", () => {
  it("removes the limit from the list, the next metrics and the alerts, and audits it", async () => {
    // Priya's concentration is over its limit: the first metrics raise a BREACH alert for it.
    const priya = await fixture.callerAs("priya@northwind.example.com");
    const concentration = await limitRow(fixture, priyaId, "MAX_CONCENTRATION");
    await priya.risk.limits.list();
    const before = await priya.risk.dashboard();
    expect(before.metrics.limits.map((limit) => limit.id)).toContain(concentration.id);
    const raised = await priya.risk.alerts.list();
    expect(raised.alerts).toContainEqual(
      expect.objectContaining({
        level: "BREACH",
        limit: expect.objectContaining({ id: concentration.id }),
      }),
    );

    const deleted = await admin.risk.limits.delete({
      traderId: priyaId,
      id: concentration.id,
      version: concentration.version,
    });
    expect(deleted).toEqual({ id: concentration.id });

    expect((await priya.risk.limits.list()).limits.map((limit) => limit.id)).not.toContain(
      concentration.id,
    );
    const after = await priya.risk.dashboard();
    expect(after.freshness.source).toBe("computed");
    expect(after.metrics.limits).toHaveLength(7);
    expect(after.metrics.limits.map((limit) => limit.id)).not.toContain(concentration.id);
    const history = await priya.risk.alerts.list({ includeResolved: true });
    expect(history.alerts.map((alert) => alert.limit.id)).not.toContain(concentration.id);

    const audit = await fixture.database.db.auditEvent.findMany({
      where: { entityId: concentration.id },
    });
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: await userIdOf(fixture, "admin@northwind.example.com"),
        traderId: priyaId,
        entity: "LIMIT",
        action: "DELETE",
        before: expect.objectContaining({
          type: "MAX_CONCENTRATION",
          threshold: concentration.threshold.toNumber(),
          version: concentration.version,
        }),
        after: null,
      }),
    ]);
  });

  it("refuses a stale version with CONFLICT, keeping the limit and writing no audit row", async () => {
    const limit = await limitRow(fixture, priyaId, "MAX_VAR");
    const before = await databaseSnapshot(fixture);
    await expect(
      admin.risk.limits.delete({ traderId: priyaId, id: limit.id, version: limit.version + 1 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await databaseSnapshot(fixture)).toEqual(before);
  });

  it("answers NOT_FOUND for a limit outside the trader's book or already deleted", async () => {
    const jonasId = await userIdOf(fixture, "jonas@northwind.example.com");
    const jonasLimit = await limitRow(fixture, jonasId, "MAX_VAR");
    const before = await databaseSnapshot(fixture);
    await expect(
      admin.risk.limits.delete({ traderId: priyaId, id: jonasLimit.id, version: 1 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await databaseSnapshot(fixture)).toEqual(before);

    const mine = await limitRow(fixture, priyaId, "MAX_DAILY_LOSS");
    const target = { traderId: priyaId, id: mine.id, version: mine.version };
    await admin.risk.limits.delete(target);
    await expect(admin.risk.limits.delete(target)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("is for admins only", async () => {
    const priya = await fixture.callerAs("priya@northwind.example.com");
    const limit = await limitRow(fixture, priyaId, "MAX_VAR");
    await expect(
      priya.risk.limits.delete({ traderId: priyaId, id: limit.id, version: limit.version }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await limitRow(fixture, priyaId, "MAX_VAR")).toEqual(limit);
  });

  it.each([
    ["a version of 0", { version: 0 }, "version"],
    ["a missing version", { version: undefined }, "version"],
    ["a malformed id", { id: "x".repeat(1_000_000) }, "id"],
    ["an extra field", { force: true }, "force"],
  ] as const)("refuses %s and changes nothing", async (_, change, field) => {
    const limit = await limitRow(fixture, priyaId, "MAX_VAR");
    const before = await databaseSnapshot(fixture);
    const input = { traderId: priyaId, id: limit.id, version: limit.version, ...change };
    await expectRefusedField(admin.risk.limits.delete(input as never), field);
    expect(await databaseSnapshot(fixture)).toEqual(before);
  });
});
