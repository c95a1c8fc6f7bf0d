import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { failureOf, viewerOf } from "../../testing/caller-with.ts";

let fixture: ApiFixture;
let mayaId: string;
beforeAll(async () => {
  fixture = await createApiFixture();
  mayaId = (await viewerOf(fixture, "maya@northwind.example.com")).userId;
});
afterAll(() => fixture.close());

const valid = {
  riskTolerance: "CONSERVATIVE",
  varConfidence: 0.99,
  lookbackDays: 120,
  maxDrawdownTolerance: 0.12,
} as const;

function profileRow() {
  return fixture.database.db.riskProfile.findFirstOrThrow({ where: { traderId: mayaId } });
}

describe("risk.profile", () => {
  it("lets a trader read their profile and an admin change it, re-cached and reflected in metrics", async () => {
    const maya = await fixture.callerAs("maya@northwind.example.com");
    const admin = await fixture.callerAs("admin@northwind.example.com");
    const { profile } = await maya.risk.profile.get();
    const before = await maya.risk.dashboard();
    expect(before.profile.varConfidence).toBe(profile.varConfidence);

    const updated = await admin.risk.profile.update({
      traderId: mayaId,
      version: profile.version,
      ...valid,
    });
    expect(updated).toMatchObject({ ...valid, version: profile.version + 1 });

    // Written through: the next read is the new profile without going to the database.
    const read = await maya.risk.profile.get();
    expect(read.profile).toMatchObject({ ...valid, version: profile.version + 1 });
    expect(read.freshness.source).not.toBe("computed");
    // Metrics computed with the old profile are gone: recomputed at the new confidence.
    const after = await maya.risk.dashboard();
    expect(after.freshness.source).toBe("computed");
    expect(after.metrics.confidence).toBe(0.99);
    expect(after.history.days).toBeLessThanOrEqual(120);

    const audit = await fixture.database.db.auditEvent.findFirstOrThrow({
      where: { traderId: mayaId, entity: "PROFILE" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit).toMatchObject({
      action: "UPDATE",
      before: { version: profile.version, varConfidence: profile.varConfidence },
      after: { ...valid, version: profile.version + 1 },
    });
  });

  it("gives one of two concurrent edits of the same version CONFLICT and keeps the other", async () => {
    const admin = await fixture.callerAs("admin@northwind.example.com");
    const { version } = await profileRow();
    const audits = await fixture.database.db.auditEvent.count({ where: { entity: "PROFILE" } });
    const results = await Promise.allSettled([
      admin.risk.profile.update({ traderId: mayaId, version, ...valid, lookbackDays: 60 }),
      admin.risk.profile.update({ traderId: mayaId, version, ...valid, lookbackDays: 90 }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost[0]?.reason).toMatchObject({ code: "CONFLICT" });
    const row = await profileRow();
    expect(row.version).toBe(version + 1);
    expect(row.lookbackDays).toBe(
      (won[0] as PromiseFulfilledResult<{ lookbackDays: number }>).value.lookbackDays,
    );
    expect(await fixture.database.db.auditEvent.count({ where: { entity: "PROFILE" } })).toBe(
      audits + 1,
    );
  });

  it("refuses bad input field by field and changes nothing", async () => {
    const admin = await fixture.callerAs("admin@northwind.example.com");
    const before = await profileRow();
    const base = { traderId: mayaId, version: before.version, ...valid };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, varConfidence: 0.9 }, "varConfidence"],
      [{ ...base, maxDrawdownTolerance: 0 }, "maxDrawdownTolerance"],
      [{ ...base, maxDrawdownTolerance: 1 }, "maxDrawdownTolerance"],
      [{ ...base, lookbackDays: 10.5 }, "lookbackDays"],
      [{ ...base, lookbackDays: 5 }, "lookbackDays"],
      [{ ...base, riskTolerance: "RECKLESS" }, "riskTolerance"],
      [{ ...base, riskTolerance: "x".repeat(1024 * 1024) }, "riskTolerance"],
      [{ ...base, lookbackDays: "120" }, "lookbackDays"],
      [{ ...base, version: undefined }, "version"],
      [{ ...base, traderId: "maya" }, "traderId"],
      [{ ...base, isAdmin: true }, ""],
    ];
    for (const [input, field] of cases) {
      const failure = await failureOf(admin.risk.profile.update(input as never));
      expect(failure.code, JSON.stringify(input).slice(0, 80)).toBe("BAD_REQUEST");
      expect(failure.fields).toContain(field);
    }
    const after = await profileRow();
    expect(after).toEqual(before);
  });

  it("is changed by admins only", async () => {
    const maya = await fixture.callerAs("maya@northwind.example.com");
    const { version } = await profileRow();
    await expect(
      maya.risk.profile.update({ traderId: mayaId, version, ...valid }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await profileRow()).version).toBe(version);
  });
});
