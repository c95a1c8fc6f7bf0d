import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeRiskMetrics } from "./compute-risk-metrics.ts";
import { smallBook } from "./fixture.ts";

const SECTORS = ["Energy", "Technology", "Health"];

/** A book of 1–8 instruments, long or short, over 2–60 days of closes with moves up to ±20 %. */
const book = fc
  .record({
    days: fc.integer({ min: 3, max: 61 }),
    confidence: fc.constantFrom(0.9, 0.95, 0.99),
    holdings: fc.array(
      fc.record({
        quantity: fc.integer({ min: -1_000, max: 1_000 }).filter((q) => q !== 0),
        sector: fc.constantFrom(...SECTORS),
        moves: fc.array(fc.integer({ min: -200, max: 200 }), { minLength: 60, maxLength: 60 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  })
  .map(({ days, confidence, holdings }) => {
    const calendar = Array.from({ length: days }, (_, i) =>
      new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
    );
    const closes = new Map(
      holdings.map((holding, i) => {
        let close = 100;
        const series = [close];
        for (let t = 1; t < days; t++) {
          close *= 1 + (holding.moves[t - 1] as number) / 1_000;
          series.push(close);
        }
        return [`i${i}`, series];
      }),
    );
    const base = smallBook();
    return {
      ...base,
      cash: 1_000_000,
      positions: holdings.map((h, i) => ({ instrumentId: `i${i}`, quantity: h.quantity })),
      instruments: holdings.map((h, i) => ({
        id: `i${i}`,
        symbol: `S${i}`,
        sector: h.sector,
        lastPrice: closes.get(`i${i}`)?.at(-1) as number,
      })),
      history: { days: calendar, closes },
      profile: { ...base.profile, confidence, lookbackDays: days - 1 },
      limits: [],
    };
  });

/**
 * Equal to floating-point precision at the scale of the parts: a VaR near 0 is a small
 * difference of large P&Ls, so its error is relative to them, not to it.
 */
const near = (a: number, b: number, scale: number) =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b), scale);

describe("VaR components (Euler allocation)", () => {
  it("sum to the book's historical and parametric VaR, by holding and by sector, for any book", () => {
    fc.assert(
      fc.property(book, (input) => {
        const metrics = computeRiskMetrics(input);
        const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
        const scale = sum(metrics.history.pnl.map(Math.abs));
        const holdings = metrics.holdings.map((h) => h.contribution);
        const sectors = metrics.sectors.map((s) => s.contribution);
        const { historicalVaR, parametricVaR } = metrics.risk;
        expect(near(sum(holdings.map((c) => c.historical)), historicalVaR, scale)).toBe(true);
        expect(near(sum(holdings.map((c) => c.parametric)), parametricVaR, scale)).toBe(true);
        expect(near(sum(sectors.map((c) => c.historical)), historicalVaR, scale)).toBe(true);
        expect(near(sum(sectors.map((c) => c.parametric)), parametricVaR, scale)).toBe(true);
        if (historicalVaR > 1e-6 * scale) {
          expect(near(sum(holdings.map((c) => c.share)), 1, 0)).toBe(true);
        }
      }),
    );
  });
});
