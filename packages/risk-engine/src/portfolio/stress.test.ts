import { describe, expect, it } from "vitest";
import { beta } from "../series/benchmark.ts";
import { computeRiskMetrics } from "./compute-risk-metrics.ts";
import { smallBook } from "./fixture.ts";
import { firmMove, type ScenarioMove, scaleMoves, stressTest, VOLATILITY_SHOCK } from "./stress.ts";

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

describe("volatility up", () => {
  const input = smallBook();
  const base = computeRiskMetrics(input);
  const volatilityUp = stressTest(input, base).find((result) => result.id === "volatility-up");

  it("moves no price and measures the VaR on moves 1.5 times as large", () => {
    expect(volatilityUp).toMatchObject({ kind: "hypothetical", pnl: null });
    // The book's daily P&L is linear in the moves, so its quantile scales with them.
    expect(volatilityUp?.valueAtRisk).toBeCloseTo(VOLATILITY_SHOCK * base.risk.historicalVaR, 9);
  });

  it("scales every move between usable closes and leaves gaps where they were", () => {
    const scaled = scaleMoves(
      { days: ["1", "2", "3", "4", "5"], closes: new Map([["x", [100, 110, Number.NaN, 50, 40]]]) },
      2,
    );
    // +10 % → +20 %; the gap stays; after it the series starts again at 50; −20 % → −40 %.
    const closes = Array.from(scaled.closes.get("x") ?? []);
    expect(closes[2]).toBeNaN();
    for (const t of [0, 1, 3, 4])
      expect(closes[t]).toBeCloseTo([100, 120, 0, 50, 30][t] as number, 9);
  });
});

describe("a firm's own scenario", () => {
  const input = smallBook();
  const moves: ScenarioMove[] = [
    { on: "MARKET", move: -0.05 },
    { on: "SECTOR", sector: "Energy", move: 0.1 },
    { on: "SYMBOL", symbol: "C", move: -0.5 },
  ];

  it("moves each holding by its symbol's move, else its sector's, else the market's", () => {
    expect(firmMove(moves, "A", "Technology")).toBe(-0.05);
    expect(firmMove(moves, "B", "Energy")).toBe(0.1);
    expect(firmMove(moves, "C", "Technology")).toBe(-0.5);
    expect(firmMove([{ on: "SECTOR", sector: "Energy", move: 0.1 }], "A", "Technology")).toBe(0);
  });

  it("comes after the built-in scenarios with its P&L and the limits it breaches", () => {
    const results = stressTest(input, computeRiskMetrics(input), [
      { id: "s1", name: "Oil spike", moves },
    ]);
    const firm = results.at(-1);
    expect(firm).toMatchObject({ id: "s1", kind: "firm", name: "Oil spike" });
    // A 11,000 × −5 %, B −5,000 × +10 %, C 4,000 × −50 %.
    expect(firm?.pnl).toBeCloseTo(-550 - 500 - 2_000, 9);
    expect(firm?.breaches.map((b) => b.id)).toContain("loss");
  });
});
