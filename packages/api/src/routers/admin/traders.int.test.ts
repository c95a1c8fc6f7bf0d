import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantSummary } from "../../services/cache/invalidate-book.ts";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { failureOf } from "../../testing/caller-with.ts";

let fixture: ApiFixture;
beforeAll(async () => {
  fixture = await createApiFixture();
});
afterAll(() => fixture.close());

const activeTradersOf = (slug: string) =>
  fixture.database.db.user.findMany({
    where: { tenant: { slug }, role: "TRADER", active: true },
    select: { id: true, name: true, email: true, tenantId: true },
  });

const openBreaches = (traderId: string) =>
  fixture.database.db.riskAlert.count({
    where: { traderId, level: "BREACH", resolvedAt: null },
  });

describe("admin.traders", () => {
  it("lists every active trader of the admin's tenant with score and open breaches", async () => {
    const admin = await fixture.callerAs("admin@northwind.example.com");
    const { traders, freshness } = await admin.admin.traders();
    expect(freshness.source).toBe("computed");
    const expected = await activeTradersOf("northwind");
    expect(traders.map((t) => t.id).sort()).toEqual(expected.map((t) => t.id).sort());
    for (const trader of traders) {
      const person = expected.find((t) => t.id === trader.id);
      expect(trader.name).toBe(person?.name);
      expect(trader.email).toBe(person?.email);
      expect(["OK", "WARN", "BREACH", "NO_DATA"]).toContain(trader.score.status);
      expect(trader.score.driver.length).toBeGreaterThan(0);
      expect(trader.openBreaches).toBe(await openBreaches(trader.id));
    }
    // The demo has a book over a limit: the overview must show it.
    expect(traders.some((t) => t.openBreaches > 0)).toBe(true);
  });

  it("adds up the firm: gross, net and VaR per currency, and the open breaches", async () => {
    const admin = await fixture.callerAs("admin@northwind.example.com");
    const { traders, totals } = await admin.admin.traders();
    const valued = traders.filter((t) => Number.isFinite(t.gross));
    expect(valued.length).toBeGreaterThan(0);
    const sum = (pick: (t: (typeof traders)[number]) => number) =>
      valued.reduce((total, t) => total + pick(t), 0);
    expect(totals.byCurrency).toEqual([
      {
        currency: "USD",
        gross: expect.closeTo(
          sum((t) => t.gross),
          6,
        ),
        net: expect.closeTo(
          sum((t) => t.net),
          6,
        ),
        var: expect.closeTo(
          sum((t) => t.var),
          6,
        ),
      },
    ]);
    expect(valued.every((t) => t.currency === "USD" && t.gross >= Math.abs(t.net))).toBe(true);
    expect(totals.openBreaches).toBe(traders.reduce((n, t) => n + t.openBreaches, 0));
    expect(totals.openBreaches).toBeGreaterThan(0);
  });

  it("shows another tenant's admin only their own traders", async () => {
    const harborAdmin = await fixture.callerAs("admin@harbor.example.com");
    const { traders } = await harborAdmin.admin.traders();
    const harbor = await activeTradersOf("harbor");
    expect(traders.map((t) => t.id).sort()).toEqual(harbor.map((t) => t.id).sort());
  });

  it("serves the summary from the cache, which holds no names or emails", async () => {
    const admin = await fixture.callerAs("admin@northwind.example.com");
    const first = await admin.admin.traders();
    const second = await admin.admin.traders();
    expect(second.freshness.source).not.toBe("computed");
    expect(second.traders).toEqual(first.traders);
    const tenantId = (await activeTradersOf("northwind"))[0]?.tenantId as string;
    const cached = await fixture.deps.cache.get("traders", tenantSummary(tenantId));
    const text = JSON.stringify(cached?.value);
    for (const trader of first.traders) {
      expect(text).toContain(trader.id);
      expect(text).not.toContain(trader.email);
      expect(text).not.toContain(trader.name);
    }
  });

  it("reflects a position an admin opens on a trader's book at the next read", async () => {
    const admin = await fixture.callerAs("admin@northwind.example.com");
    const before = await admin.admin.traders();
    // The trader with the fewest breaches: a new one must show up in the overview.
    const calm = [...before.traders].sort((a, b) => a.openBreaches - b.openBreaches)[0];
    if (!calm) throw new Error("the demo tenant has traders");
    const named = await fixture.database.db.riskLimit.findMany({
      where: { traderId: calm.id, symbol: { not: null } },
      select: { symbol: true },
    });
    const instrument = await fixture.database.db.instrument.findFirstOrThrow({
      where: {
        tenantId: (await activeTradersOf("northwind"))[0]?.tenantId,
        assetClass: "EQUITY",
        symbol: { notIn: named.map((limit) => limit.symbol as string) },
      },
    });
    // A soft cap far below the position it then opens, past it on purpose (confirmed).
    await admin.risk.limits.create({
      traderId: calm.id,
      type: "MAX_POSITION_NOTIONAL",
      threshold: 1,
      warnFraction: 0.8,
      severity: "SOFT",
      symbol: instrument.symbol,
      active: true,
    });
    await admin.positions.open({
      traderId: calm.id,
      symbol: instrument.symbol,
      quantity: 10,
      acceptSoftBreaches: true,
    });

    const after = await admin.admin.traders();
    expect(after.freshness.source).toBe("computed");
    const line = after.traders.find((t) => t.id === calm.id);
    expect(line?.score.status).toBe("BREACH");
    expect(line?.score.driver).not.toBe(calm.score.driver);
    expect(line?.openBreaches).toBeGreaterThan(calm.openBreaches);
    expect(line?.openBreaches).toBe(await openBreaches(calm.id));
  });

  it("lists a trader without a risk profile as such, and the rest of the firm as before", async () => {
    const harborAdmin = await fixture.callerAs("admin@harbor.example.com");
    const [colleague] = await activeTradersOf("harbor");
    if (!colleague) throw new Error("the demo's harbor tenant has traders");
    const newcomer = await fixture.database.db.user.create({
      data: {
        id: randomUUID(),
        tenantId: colleague.tenantId,
        email: "newcomer@harbor.example.com",
        name: "Nova Newcomer",
        role: "TRADER",
        passwordHash: "not-used-here",
      },
    });
    await fixture.deps.cache.invalidateTenant(colleague.tenantId);

    const { traders } = await harborAdmin.admin.traders();
    const line = traders.find((t) => t.id === newcomer.id);
    expect(line?.score).toEqual({
      value: Number.NaN,
      status: "NO_DATA",
      driver: "No risk profile yet",
    });
    expect(line?.openBreaches).toBe(0);
    const others = traders.filter((t) => t.id !== newcomer.id);
    expect(others.map((t) => t.id).sort()).toEqual(
      (await activeTradersOf("harbor"))
        .filter((t) => t.id !== newcomer.id)
        .map((t) => t.id)
        .sort(),
    );
    expect(others.every((t) => t.score.driver !== "No risk profile yet")).toBe(true);
  });

  it("is for admins only", async () => {
    const maya = await fixture.callerAs("maya@northwind.example.com");
    expect((await failureOf(maya.admin.traders())).code).toBe("FORBIDDEN");
    expect((await failureOf(fixture.anonymous().admin.traders())).code).toBe("UNAUTHORIZED");
  });
});
