import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  annualVolatility,
  beta,
  conditionalVaR,
  cumulativeReturn,
  historicalVaR,
  maxDrawdown,
  parametricVaR,
  sharpeRatio,
  sortinoRatio,
} from "./index.ts";

/**
 * Daily returns between −100 % and +50 % in steps of 10⁻⁸, as a real book could see them
 * (finer steps only exercise float underflow, not the formulas).
 */
const dailyReturn = fc.integer({ min: -100_000_000, max: 50_000_000 }).map((n) => n / 1e8);
const returnsOf = (minLength: number) => fc.array(dailyReturn, { minLength, maxLength: 300 });
const confidence = fc.double({ min: 0.5, max: 0.999, noNaN: true });
const relativeTolerance = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe("invariants of the series functions", () => {
  it("conditionalVaR ≤ historicalVaR ≤ 0 on a series with at least one loss per tail", () => {
    fc.assert(
      fc.property(returnsOf(2), confidence, (values, c) => {
        const losses = values.map((v) => -Math.abs(v) - 1e-6);
        const varValue = historicalVaR(losses, { confidence: c });
        expect(conditionalVaR(losses, { confidence: c })).toBeLessThanOrEqual(varValue);
        expect(varValue).toBeLessThanOrEqual(0);
      }),
    );
  });

  it("conditionalVaR never exceeds historicalVaR on any series", () => {
    fc.assert(
      fc.property(returnsOf(1), confidence, (values, c) => {
        expect(conditionalVaR(values, { confidence: c })).toBeLessThanOrEqual(
          historicalVaR(values, { confidence: c }),
        );
      }),
    );
  });

  it("historicalVaR and parametricVaR fall (or stay) as the confidence rises", () => {
    fc.assert(
      fc.property(returnsOf(2), confidence, confidence, (values, a, b) => {
        const [low, high] = a < b ? [a, b] : [b, a];
        expect(historicalVaR(values, { confidence: high })).toBeLessThanOrEqual(
          historicalVaR(values, { confidence: low }),
        );
        expect(parametricVaR(values, { confidence: high })).toBeLessThanOrEqual(
          parametricVaR(values, { confidence: low }) + 1e-15,
        );
      }),
    );
  });

  it("maxDrawdown lies in [−1, 0]", () => {
    fc.assert(
      fc.property(returnsOf(1), (values) => {
        const drawdown = maxDrawdown(values);
        expect(drawdown).toBeGreaterThanOrEqual(-1);
        expect(drawdown).toBeLessThanOrEqual(0);
      }),
    );
  });

  it("Sharpe and Sortino do not change when every return is scaled by a positive constant", () => {
    fc.assert(
      fc.property(returnsOf(2), fc.double({ min: 0.01, max: 100, noNaN: true }), (values, k) => {
        const scaled = values.map((v) => v * k);
        const sharpe = sharpeRatio(values);
        // A nearly constant series makes the ratio ill-conditioned: float rounding, not the formula.
        fc.pre(Number.isFinite(sharpe) && annualVolatility(values) > 1e-4);
        expect(relativeTolerance(sharpeRatio(scaled), sharpe)).toBe(true);
        const sortino = sortinoRatio(values);
        fc.pre(Number.isFinite(sortino));
        expect(relativeTolerance(sortinoRatio(scaled), sortino)).toBe(true);
      }),
    );
  });

  it("the volatility scales with the returns, and is never negative", () => {
    fc.assert(
      fc.property(returnsOf(2), fc.double({ min: 0.01, max: 100, noNaN: true }), (values, k) => {
        const volatility = annualVolatility(values);
        expect(volatility).toBeGreaterThanOrEqual(0);
        expect(relativeTolerance(annualVolatility(values.map((v) => v * k)), volatility * k)).toBe(
          true,
        );
      }),
    );
  });

  it("beta of a series against itself is 1, and against a scaled copy of itself is 1 / k", () => {
    fc.assert(
      fc.property(returnsOf(2), fc.double({ min: 0.1, max: 10, noNaN: true }), (values, k) => {
        fc.pre(annualVolatility(values, { periodsPerYear: 1 }) > 1e-6);
        expect(beta(values, values)).toBeCloseTo(1, 9);
        expect(
          beta(
            values,
            values.map((v) => v * k),
          ),
        ).toBeCloseTo(1 / k, 9);
      }),
    );
  });

  it("the cumulative return does not depend on the order of the periods", () => {
    fc.assert(
      fc.property(returnsOf(1), (values) => {
        const reversed = [...values].reverse();
        expect(relativeTolerance(cumulativeReturn(reversed), cumulativeReturn(values))).toBe(true);
      }),
    );
  });
});
