import { describe, expect, it } from "vitest";
import { beta } from "../series/benchmark.ts";
import { computeRiskMetrics } from "./compute-risk-metrics.ts";
import { smallBook } from "./fixture.ts";
import { stressTest } from "./stress.ts";

describe("stressTest on the hand-checked book (A 11,000 long, B 5,000 short, C 4,000 long)", () => {
  const input = smallBook();
  const results = stressTest(input, computeRiskMetrics(input));
  const byId = Object.fromEntries(results.map((result) => [result.id, result]));

  it("replays the worst day of the lookback on today's positions", () => {
    // 2026-01-07: A 110 → 99 (−10 %), B 50 → 55 (+10 % on a short).
    expect(byId["worst-day"]?.name).toBe("the moves of 2026-01-07");
    expect(byId["worst-day"]?.pnl).toBeCloseTo(-1_600, 9);
    // A loss of 1,600 against a daily-loss limit of 1,000.
    expect(byId["worst-day"]?.breaches.map((b) => b.id)).toContain("loss");
  });

  it("moves every price −10 %, and the worst-hit sector −20 %", () => {
    expect(byId["market-down"]?.pnl).toBeCloseTo(-0.1 * 10_000, 9);
    expect(byId["market-down"]?.breaches.find((b) => b.id === "loss")?.utilisation).toBeCloseTo(
      1,
      9,
    );
    // Technology (A and C, net 15,000) loses more than Energy (B short, which gains).
    expect(byId["sector-down"]).toMatchObject({ name: "Technology −20 %" });
    expect(byId["sector-down"]?.pnl).toBeCloseTo(-3_000, 9);
  });

  it("passes the benchmark's fall to each holding by its beta, and needs five days for a week", () => {
    const returns = (closes: number[]) =>
      closes.slice(1).map((c, i) => c / (closes[i] as number) - 1);
    const market = returns([1000, 1010, 1000, 1000, 1020]);
    const expected =
      11_000 * beta(returns([100, 110, 99, 99, 110]), market) * -0.1 +
      -5_000 * beta(returns([50, 50, 55, 50, 50]), market) * -0.1;
    expect(byId["benchmark-beta"]?.kind).toBe("hypothetical");
    expect(byId["benchmark-beta"]?.pnl).toBeCloseTo(expected, 9);
    // Four daily moves: no five-day window.
    expect(byId["worst-week"]).toBeUndefined();
  });
});
