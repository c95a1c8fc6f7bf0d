import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { type Caller, expectRefusedField, limitEdit, userIdOf } from "./book-test-kit.ts";

let fixture: ApiFixture;
let admin: Caller;
let priya: Caller;
let priyaId: string;
beforeAll(async () => {
  fixture = await createApiFixture();
  // Each reading of the clock is a second after the last, so alerts raised by two computations
  // never share a timestamp and "newest first" has one right answer.
  let tick = Date.now();
  fixture.deps.clock = () => {
    tick += 1_000;
    return new Date(tick);
  };
  admin = await fixture.callerAs("admin@northwind.example.com");
  priya = await fixture.callerAs("priya@northwind.example.com");
  priyaId = await userIdOf(fixture, "priya@northwind.example.com");
});
afterAll(() => fixture.close());

/** A limit's threshold set through the API, as an admin would. */
async function setThreshold(traderId: string, type: string, threshold: number) {
  await admin.risk.limits.update({ ...(await limitEdit(admin, traderId, type)), threshold });
}

describe("risk.alerts.list", () => {
  it("shows an alert raised by a recomputation that no write through the API caused", async () => {
    const jonas = await fixture.callerAs("jonas@northwind.example.com");
    const { metrics } = await jonas.risk.dashboard();
    const quiet = metrics.limits.find((limit) => limit.status === "OK" && limit.measured > 0);
    if (!quiet) throw new Error("Jonas has no limit within bounds");
    const before = await jonas.risk.alerts.list(); // now cached
    expect(before.alerts.some((alert) => alert.limit.id === quiet.id)).toBe(false);
    // A change no write through the API made (a hand-run SQL fix): once the cached book is
    // gone, the next valuation breaches.
    await fixture.database.db.riskLimit.update({
      where: { id: quiet.id },
      data: { threshold: quiet.measured / 10 },
    });
    const { tenantId, id: userId } = await fixture.database.db.user.findUniqueOrThrow({
      where: { email: "jonas@northwind.example.com" },
    });
    await fixture.deps.cache.invalidate("book", { tenantId, userId });
    const after = await jonas.risk.alerts.list();
    expect(after.alerts.find((alert) => alert.limit.id === quiet.id)).toMatchObject({
      level: "BREACH",
    });
  });

  it("shows the alerts of the book on a first visit, asked for together with the metrics", async () => {
    // Lucas's book is seeded at WARN on leverage and nothing has computed it yet.
    const lucas = await fixture.callerAs("lucas@northwind.example.com");
    const [{ metrics }, { alerts }] = await Promise.all([
      lucas.risk.dashboard(),
      lucas.risk.alerts.list(),
    ]);
    const warned = metrics.limits
      .filter((limit) => limit.status === "WARN")
      .map((limit) => limit.id);
    expect(warned.length).toBeGreaterThan(0);
    expect(alerts.map((alert) => alert.limit.id).sort()).toEqual(warned.sort());
  });

  it("shows the open alerts the trader's metrics raised, with the limit they are about", async () => {
    const { metrics, computedAt } = await priya.risk.dashboard();
    const breach = metrics.limits.find((limit) => limit.type === "MAX_CONCENTRATION");
    expect(breach?.status).toBe("BREACH");
    const { alerts } = await priya.risk.alerts.list();
    const alert = alerts.find((candidate) => candidate.limit.id === breach?.id);
    expect(alert).toMatchObject({
      limit: { type: "MAX_CONCENTRATION", symbol: null, severity: "SOFT" },
      level: "BREACH",
      threshold: breach?.threshold,
      resolvedAt: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
      note: null,
    });
    expect(alert?.value).toBeCloseTo(breach?.measured ?? 0, 6);
    expect(alert?.message).toMatch(/^Concentration at \d+% of its limit$/);
    // Raised by the valuation at this tick that found the breach; the one shown is the
    // valuation of the book with its alerts in line, made right after it.
    expect(alert?.raisedAt.getTime()).toBeLessThanOrEqual(computedAt.getTime());
  });

  it("lists the newest first and at most `limit` of them", async () => {
    await priya.risk.dashboard();
    await setThreshold(priyaId, "MAX_VAR", 1);
    await priya.risk.dashboard();
    const { alerts } = await priya.risk.alerts.list();
    expect(alerts[0]?.limit.type).toBe("MAX_VAR");
    const times = alerts.map((alert) => alert.raisedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(alerts.length).toBeGreaterThan(1);

    const newest = await priya.risk.alerts.list({ limit: 1 });
    expect(newest.alerts).toEqual([alerts[0]]);
  });

  it("leaves out alerts the limit has since settled, unless asked to include them", async () => {
    // Jonas's gross exposure is at 86% of its limit: a WARN until an admin raises the limit.
    const jonasId = await userIdOf(fixture, "jonas@northwind.example.com");
    const jonas = await fixture.callerAs("jonas@northwind.example.com");
    await jonas.risk.dashboard();
    const open = await jonas.risk.alerts.list();
    const warned = open.alerts.find((alert) => alert.limit.type === "MAX_GROSS_EXPOSURE");
    expect(warned?.level).toBe("WARN");

    await setThreshold(jonasId, "MAX_GROSS_EXPOSURE", (warned?.threshold ?? 1) * 10);
    await jonas.risk.dashboard();
    const settled = await jonas.risk.alerts.list();
    expect(settled.alerts.map((alert) => alert.id)).not.toContain(warned?.id);
    const history = await jonas.risk.alerts.list({ includeResolved: true });
    const resolved = history.alerts.find((alert) => alert.id === warned?.id);
    expect(resolved?.resolvedAt).toBeInstanceOf(Date);
  });

  it("lets an admin read a trader's alerts, and no one else's book", async () => {
    const own = await priya.risk.alerts.list();
    const forAdmin = await admin.risk.alerts.list({ traderId: priyaId });
    expect(forAdmin.alerts).toEqual(own.alerts);
    const maya = await fixture.callerAs("maya@northwind.example.com");
    const harborAdmin = await fixture.callerAs("admin@harbor.example.com");
    await expect(maya.risk.alerts.list({ traderId: priyaId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(harborAdmin.risk.alerts.list({ traderId: priyaId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it.each([
    ["a limit of 0", { limit: 0 }, "limit"],
    ["a limit above 200", { limit: 201 }, "limit"],
    ["a fractional limit", { limit: 1.5 }, "limit"],
    ["a limit sent as text", { limit: "10" }, "limit"],
    ["includeResolved sent as text", { includeResolved: "yes" }, "includeResolved"],
    ["an extra field", { level: "BREACH" }, "level"],
  ] as const)("refuses %s", async (_, input, field) => {
    await expectRefusedField(priya.risk.alerts.list(input as never), field);
  });
});
