import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";

let fixture: ApiFixture;
beforeAll(async () => {
  fixture = await createApiFixture({ memory: { ttlMs: 60_000 } });
});
afterAll(() => fixture.close());

describe("risk.stress", () => {
  it("replays the lookback's worst day and week and the hypothetical shocks on the book", async () => {
    const maya = await fixture.callerAs("maya@northwind.example.com");
    const { metrics } = await maya.risk.dashboard();
    const stress = await maya.risk.stress();
    expect(stress.scenarios.map((s) => s.id)).toEqual([
      "worst-day",
      "worst-week",
      "market-down",
      "sector-down",
      "benchmark-beta",
      "volatility-up",
    ]);
    const byId = Object.fromEntries(stress.scenarios.map((s) => [s.id, s]));
    // The worst day replayed is the worst day of the P&L the VaR is read from: no smaller than
    // the VaR, which is a quantile of those same days.
    expect(-(byId["worst-day"]?.pnl as number)).toBeGreaterThanOrEqual(metrics.risk.historicalVaR);
    expect(byId["market-down"]?.pnl).toBeCloseTo(-0.1 * metrics.exposure.net, 2);
    expect(byId["worst-day"]?.name).toMatch(/^the moves of \d{4}-\d{2}-\d{2}$/);
    // Prices stay; the VaR is read from daily moves half as large again.
    expect(byId["volatility-up"]?.pnl).toBeNull();
    expect(byId["volatility-up"]?.valueAtRisk).toBeCloseTo(1.5 * metrics.risk.historicalVaR, 2);
    for (const scenario of stress.scenarios) {
      for (const breach of scenario.breaches) expect(breach.utilisation).toBeGreaterThanOrEqual(1);
    }
  });

  it("is computed once per book version and tick, then served from memory", async () => {
    const jonas = await fixture.callerAs("jonas@northwind.example.com");
    const before = (await fixture.deps.cache.snapshot()).kinds.stress.computations;
    const first = await jonas.risk.stress();
    const second = await jonas.risk.stress();
    expect(second).toEqual(first);
    expect((await fixture.deps.cache.snapshot()).kinds.stress.computations - before).toBe(1);
  });
});
