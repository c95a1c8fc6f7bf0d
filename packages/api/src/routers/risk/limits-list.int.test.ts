import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { expectRefusedField, userIdOf } from "./book-test-kit.ts";

let fixture: ApiFixture;
beforeAll(async () => {
  // A minute in process memory: "the next read is served from memory" is then a fact, not a
  // race against the 2 s in-process TTL on a loaded machine.
  fixture = await createApiFixture({ memory: { ttlMs: 60_000 } });
});
afterAll(() => fixture.close());

describe("risk.limits.list", () => {
  it("lists a trader's own limits with plain numbers, then serves them from the cache", async () => {
    const maya = await fixture.callerAs("maya@northwind.example.com");
    const first = await maya.risk.limits.list();
    expect(first.freshness.source).toBe("computed");
    expect(first.limits).toHaveLength(8);
    const leverage = first.limits.find((limit) => limit.type === "MAX_LEVERAGE");
    expect(leverage).toMatchObject({ severity: "HARD", symbol: null, active: true, version: 1 });
    expect(typeof leverage?.threshold).toBe("number");
    expect(leverage?.warnFraction).toBe(0.8);
    expect(leverage?.updatedAt).toBeInstanceOf(Date);

    const second = await maya.risk.limits.list();
    expect(second.freshness.source).toBe("memory");
    expect(second.limits).toEqual(first.limits);
  });

  it("keeps the order of the rows stable: by type as declared, then symbol", async () => {
    const jonas = await fixture.callerAs("jonas@northwind.example.com");
    const { limits } = await jonas.risk.limits.list();
    expect(limits.map((limit) => limit.type)).toEqual([
      "MAX_GROSS_EXPOSURE",
      "MAX_NET_EXPOSURE",
      "MAX_LEVERAGE",
      "MAX_POSITION_NOTIONAL",
      "MAX_CONCENTRATION",
      "MAX_VAR",
      "MAX_DRAWDOWN",
      "MAX_DAILY_LOSS",
    ]);
  });

  it("lets an admin read a trader of the tenant, and only that trader's limits", async () => {
    const admin = await fixture.callerAs("admin@northwind.example.com");
    const priyaId = await userIdOf(fixture, "priya@northwind.example.com");
    const { limits } = await admin.risk.limits.list({ traderId: priyaId });
    const owned = await fixture.database.db.riskLimit.findMany({ where: { traderId: priyaId } });
    expect(limits.map((limit) => limit.id).sort()).toEqual(owned.map((row) => row.id).sort());
  });

  it("refuses a trader another's book, an admin another firm's trader, and anonymous callers", async () => {
    const maya = await fixture.callerAs("maya@northwind.example.com");
    const harborAdmin = await fixture.callerAs("admin@harbor.example.com");
    const jonasId = await userIdOf(fixture, "jonas@northwind.example.com");
    await expect(maya.risk.limits.list({ traderId: jonasId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(harborAdmin.risk.limits.list({ traderId: jonasId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(fixture.anonymous().risk.limits.list()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("asks an admin which trader they mean", async () => {
    const admin = await fixture.callerAs("admin@northwind.example.com");
    await expect(admin.risk.limits.list()).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses a malformed trader id or an unknown field", async () => {
    const admin = await fixture.callerAs("admin@northwind.example.com");
    await expectRefusedField(admin.risk.limits.list({ traderId: "maya" }), "traderId");
    await expectRefusedField(
      admin.risk.limits.list({ traderId: undefined, all: true } as never),
      "all",
    );
  });
});
