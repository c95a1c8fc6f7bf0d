import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../clock.ts";
import { tenantDb } from "../../data/tenant-db.ts";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { loadOpenAlerts } from "../alerts/open-alerts.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { readMarket } from "../prices/market.ts";
import { computeMetrics } from "./compute-metrics.ts";
import { loadBook } from "./load-book.ts";

let fixture: ApiFixture;
beforeAll(async () => {
  fixture = await createApiFixture();
});
afterAll(() => fixture.close());

async function subjectOf(email: string) {
  const user = await fixture.database.db.user.findUniqueOrThrow({ where: { email } });
  return { tenantId: user.tenantId, userId: user.id };
}

function openAlerts(traderId: string) {
  return fixture.database.db.riskAlert.findMany({
    where: { traderId, resolvedAt: null },
    select: { limitId: true, level: true },
    orderBy: { limitId: "asc" },
  });
}

/** The book as it is in the database now, at the tenant's current market. */
async function valued(deps: Parameters<typeof computeMetrics>[0], subject: Subject) {
  const market = await readMarket(deps, subject.tenantId);
  const { value: book } = await loadBook(deps.db, subject);
  const { value: open } = await loadOpenAlerts(deps.db, subject);
  const inputs = { book, market: market.value, tick: market.version };
  return computeMetrics(deps, subject, inputs, open);
}

describe("computeMetrics", () => {
  it("values the book from the database and raises one open alert per limit at WARN or BREACH", async () => {
    const traders = await fixture.database.db.user.findMany({
      where: { role: "TRADER", tenant: { slug: "northwind" } },
      select: { email: true },
    });
    let alerted = 0;
    for (const { email } of traders) {
      const subject = await subjectOf(email);
      const deps = {
        db: tenantDb(fixture.deps.db, subject.tenantId),
        cache: fixture.deps.cache,
        clock: systemClock,
      };
      // Two servers computing the same book at once must not raise an alert twice.
      const [view] = await Promise.all([valued(deps, subject), valued(deps, subject)]);
      const expected = view.metrics.limits
        .filter((limit) => limit.status === "WARN" || limit.status === "BREACH")
        .map((limit) => ({ limitId: limit.id, level: limit.status }))
        .sort((a, b) => a.limitId.localeCompare(b.limitId));
      expect(await openAlerts(subject.userId)).toEqual(expected);
      alerted += expected.length;

      const cash = await fixture.database.db.account.findFirstOrThrow({
        where: { traderId: subject.userId },
      });
      const held = view.metrics.holdings.reduce((sum, h) => sum + h.notional, 0);
      expect(view.metrics.nav).toBeCloseTo(cash.cash.toNumber() + held, 6);
    }
    // The demo firms are built to have books over their limits.
    expect(alerted).toBeGreaterThan(0);
  });

  it("resolves an alert once its limit is no longer at that level", async () => {
    // Jonas's book is seeded at WARN on gross exposure.
    const subject = await subjectOf("jonas@northwind.example.com");
    const deps = {
      db: tenantDb(fixture.deps.db, subject.tenantId),
      cache: fixture.deps.cache,
      clock: systemClock,
    };
    const before = await valued(deps, subject);
    const limit = before.metrics.limits.find((l) => l.status === "WARN" || l.status === "BREACH");
    if (!limit) throw new Error("the demo data gives jonas a limit at WARN");

    await fixture.database.db.riskLimit.update({
      where: { id: limit.id },
      data: { threshold: limit.measured * 100 },
    });
    const after = await valued(deps, subject);
    expect(after.metrics.limits.find((l) => l.id === limit.id)?.status).toBe("OK");
    const alerts = await fixture.database.db.riskAlert.findMany({ where: { limitId: limit.id } });
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((alert) => alert.resolvedAt !== null && alert.openKey === null)).toBe(true);
  });
});
