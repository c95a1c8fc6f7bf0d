import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { failureOf } from "../../testing/caller-with.ts";
import { type Caller, userIdOf } from "./book-test-kit.ts";

let fixture: ApiFixture;
let admin: Caller;
let sofia: Caller;
let sofiaId: string;
/** Sofia's alerts made here, newest first. */
const made: string[] = [];
const START = Date.parse("2026-11-02T09:00:00Z");

beforeAll(async () => {
  fixture = await createApiFixture();
  admin = await fixture.callerAs("admin@northwind.example.com");
  sofia = await fixture.callerAs("sofia@northwind.example.com");
  sofiaId = await userIdOf(fixture, "sofia@northwind.example.com");
  const db = fixture.database.db;
  const { tenantId } = await db.user.findUniqueOrThrow({ where: { id: sofiaId } });
  // A limit of her own for the alerts, so the seeded ones play no part: five alerts a minute
  // apart, before any the demo has, and the oldest three resolved.
  const limit = await db.riskLimit.create({
    data: {
      id: randomUUID(),
      tenantId,
      traderId: sofiaId,
      type: "MAX_LEVERAGE",
      threshold: 40,
      severity: "SOFT",
      active: false,
    },
  });
  await db.riskAlert.deleteMany({ where: { traderId: sofiaId } });
  for (let i = 0; i < 5; i++) {
    const id = randomUUID();
    await db.riskAlert.create({
      data: {
        id,
        tenantId,
        traderId: sofiaId,
        limitId: limit.id,
        level: i % 2 ? "BREACH" : "WARN",
        value: 30 + i,
        threshold: 40,
        message: `Leverage step ${i}`,
        raisedAt: new Date(START + i * 60_000),
        resolvedAt: i < 3 ? new Date(START + i * 60_000 + 30_000) : null,
        openKey: i < 3 ? null : `${limit.id}:${i}`,
      },
    });
    made.unshift(id);
  }
});
afterAll(() => fixture.close());

describe("risk.alerts.history", () => {
  it("pages through raised, acknowledged and resolved alerts, newest first", async () => {
    await admin.risk.alerts.acknowledge({
      traderId: sofiaId,
      alertId: made[1] as string,
      note: "Cutting the book.",
    });
    const first = await sofia.risk.alerts.history({ limit: 2 });
    expect(first.alerts.map((a) => a.id)).toEqual(made.slice(0, 2));
    // The second newest is i = 3: an odd step, a breach.
    expect(first.alerts[1]).toMatchObject({
      level: "BREACH",
      value: 33,
      threshold: 40,
      acknowledgedBy: "Avery Admin",
      note: "Cutting the book.",
      resolvedAt: null,
    });
    const seen = first.alerts.map((a) => a.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await sofia.risk.alerts.history({ limit: 2, cursor });
      seen.push(...page.alerts.map((a) => a.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(made);
    const oldest = await admin.risk.alerts.history({
      traderId: sofiaId,
      limit: 1,
      cursor: made[3],
    });
    expect(oldest.alerts[0]?.resolvedAt).toEqual(new Date(START + 30_000));
    expect(oldest.nextCursor).toBeNull();
  });

  it("shows only the trader's own book, and another tenant nothing", async () => {
    const maya = await fixture.callerAs("maya@northwind.example.com");
    const hers = await maya.risk.alerts.history({ limit: 100 });
    expect(hers.alerts.some((alert) => made.includes(alert.id))).toBe(false);
    // Sofia's alert is no page of Maya's.
    expect((await failureOf(maya.risk.alerts.history({ cursor: made[0] }))).code).toBe(
      "BAD_REQUEST",
    );
    const harbor = await fixture.callerAs("admin@harbor.example.com");
    expect((await failureOf(harbor.risk.alerts.history({ traderId: sofiaId }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("refuses malformed pages", async () => {
    const cases: unknown[] = [{ limit: 0 }, { limit: 101 }, { cursor: "x" }, { status: "open" }];
    for (const input of cases) {
      const failure = await failureOf(sofia.risk.alerts.history(input as { limit: number }));
      expect(failure.code).toBe("BAD_REQUEST");
    }
  });
});
