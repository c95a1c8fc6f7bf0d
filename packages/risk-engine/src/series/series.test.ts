import { describe, expect, it } from "vitest";
import { RiskInputError } from "../errors.ts";
import {
  alpha,
  annualReturn,
  annualVolatility,
  beta,
  calmarRatio,
  conditionalVaR,
  cumulativeReturn,
  downsideRisk,
  equityAndDrawdown,
  historicalVaR,
  maxDrawdown,
  parametricVaR,
  sharpeRatio,
  sortinoRatio,
} from "./index.ts";

const missing = Number.NaN;
const yearly = { periodsPerYear: 1 };

describe("cumulativeReturn", () => {
  it("compounds, scales by a starting value, treats NaN as flat and empty as NaN", () => {
    expect(cumulativeReturn([0.5, 0.5, -0.5])).toBeCloseTo(0.125, 15);
    expect(cumulativeReturn([0.1, 0.1], { startingValue: 100 })).toBeCloseTo(121, 12);
    expect(cumulativeReturn([0.1, missing, 0.1])).toBeCloseTo(0.21, 15);
    expect(cumulativeReturn([])).toBeNaN();
  });
});

describe("annualReturn", () => {
  it("is the geometric growth per year, counting NaN periods in the length", () => {
    expect(annualReturn([0.1, 0.1], { periodsPerYear: 2 })).toBeCloseTo(0.21, 15);
    expect(annualReturn([0.1, 0.1], yearly)).toBeCloseTo(0.1, 15);
    expect(annualReturn([0.1, missing], { periodsPerYear: 2 })).toBeCloseTo(0.1, 15);
  });

  it("is NaN for an empty series and for a loss beyond everything over a fractional power", () => {
    expect(annualReturn([])).toBeNaN();
    expect(annualReturn([-1.5, 0.1, 0.1, 0.1, 0.1])).toBeNaN();
  });
});

describe("annualVolatility", () => {
  it("is the sample deviation scaled by √periodsPerYear", () => {
    expect(annualVolatility([0.01, 0.03])).toBeCloseTo(0.22449944320643647, 15);
  });

  it("is NaN under two values, 0 for a constant series", () => {
    expect(annualVolatility([0.01])).toBeNaN();
    expect(annualVolatility([0.01, missing])).toBeNaN();
    expect(annualVolatility([0.013, 0.013, 0.013])).toBe(0);
  });

  it("keeps a tiny variance of large values exact (two passes, not E[x²] − E[x]²)", () => {
    const offset = 1e9;
    expect(annualVolatility([offset + 1, offset + 2, offset + 3], yearly)).toBe(1);
  });
});

describe("sharpeRatio", () => {
  it("divides the mean excess return by its deviation", () => {
    expect(sharpeRatio([0.01, 0.03], yearly)).toBeCloseTo(Math.SQRT2, 13);
    expect(sharpeRatio([0.01, 0.03], { ...yearly, riskFree: 0.01 })).toBeCloseTo(Math.SQRT1_2, 13);
    expect(sharpeRatio([0.01, 0.03], { ...yearly, riskFree: [0.01, 0.01] })).toBeCloseTo(
      Math.SQRT1_2,
      13,
    );
  });

  it("is ±Infinity for zero deviation with a positive or negative mean, NaN with a zero mean", () => {
    expect(sharpeRatio([0.01, 0.01, 0.01])).toBe(Number.POSITIVE_INFINITY);
    expect(sharpeRatio([-0.01, -0.01])).toBe(Number.NEGATIVE_INFINITY);
    expect(sharpeRatio([0, 0, 0])).toBeNaN();
    expect(sharpeRatio([0.02])).toBeNaN();
    expect(sharpeRatio([])).toBeNaN();
  });

  it("refuses a risk-free series of another length", () => {
    expect(() => sharpeRatio([0.01, 0.02], { riskFree: [0.01] })).toThrow(RiskInputError);
  });
});

describe("downsideRisk and sortinoRatio", () => {
  const mixed = [0.01, -0.02, 0.03, -0.04];

  it("measure only the shortfall below the required return", () => {
    expect(downsideRisk(mixed, yearly)).toBeCloseTo(0.022360679774997897, 15);
    expect(downsideRisk(mixed, { ...yearly, requiredReturn: 0.01 })).toBeCloseTo(
      0.0291547594742265,
      15,
    );
    expect(sortinoRatio(mixed, yearly)).toBeCloseTo(-0.22360679774997896, 13);
  });

  it("give 0 risk and +Infinity Sortino without a downside, NaN without data", () => {
    expect(downsideRisk([0.01, 0.02])).toBe(0);
    expect(sortinoRatio([0.01, 0.02])).toBe(Number.POSITIVE_INFINITY);
    expect(sortinoRatio([0, 0])).toBeNaN();
    expect(sortinoRatio([0.01])).toBeNaN();
    expect(downsideRisk([])).toBeNaN();
  });
});

describe("maxDrawdown and the drawdown curve", () => {
  it("measure the deepest fall from a running peak that starts at 1", () => {
    expect(maxDrawdown([0.1, 0.2, -0.5, 0.5])).toBeCloseTo(-0.5, 15);
    expect(maxDrawdown([-0.2, 0.1])).toBeCloseTo(-0.2, 15);
    expect(maxDrawdown([0.01, 0.02])).toBe(0);
    expect(maxDrawdown([])).toBeNaN();
    expect(maxDrawdown([missing, missing])).toBeNaN();
    const { equity, drawdown } = equityAndDrawdown([0.1, -0.5, missing]);
    expect([...equity]).toEqual([1, 1.1, 0.55, 0.55]);
    expect([...drawdown].map((d) => Number(d.toFixed(12)))).toEqual([0, 0, -0.5, -0.5]);
  });
});

describe("calmarRatio", () => {
  it("is the annual return over the deepest drawdown", () => {
    expect(calmarRatio([0.1, -0.5], { periodsPerYear: 2 })).toBeCloseTo(-0.9, 13);
  });

  it("is NaN without a drawdown or data", () => {
    expect(calmarRatio([0.01, 0.02])).toBeNaN();
    expect(calmarRatio([])).toBeNaN();
  });
});

describe("beta and alpha", () => {
  const benchmark = [0.01, -0.01, 0.02, -0.02];
  const doubled = benchmark.map((b) => 2 * b + 0.001);

  it("measure sensitivity and the compounded excess over it", () => {
    expect(beta(doubled, benchmark)).toBeCloseTo(2, 13);
    expect(alpha(doubled, benchmark, yearly)).toBeCloseTo(0.001, 13);
    expect(alpha(doubled, benchmark)).toBeCloseTo(0.28643404437615216, 11);
  });

  it("use only the periods where both series have a value", () => {
    expect(beta([...doubled, missing, 5], [...benchmark, 0.3, missing])).toBeCloseTo(2, 13);
  });

  it("are NaN for a flat benchmark or under two periods, and refuse unequal lengths", () => {
    expect(beta([0.01, 0.02], [0.01, 0.01])).toBeNaN();
    expect(alpha([0.01, 0.02], [0.01, 0.01])).toBeNaN();
    expect(beta([0.01], [0.02])).toBeNaN();
    // Too short to measure comes before the lengths, as in empyrical.
    expect(beta([], [0.01, 0.02])).toBeNaN();
    expect(alpha([], [0.01, 0.02])).toBeNaN();
    expect(() => beta([0.01, 0.02], [0.01])).toThrow(RiskInputError);
    expect(() => alpha([0.01, 0.02], [0.01, 0.02, 0.03])).toThrow(/benchmark has 3 periods/);
  });
});

describe("the VaR family", () => {
  const series = [0.03, -0.02, 0.0, -0.05, 0.01];

  it("historicalVaR interpolates the (1 − confidence) quantile like numpy.percentile", () => {
    expect(historicalVaR(series, { confidence: 0.75 })).toBeCloseTo(-0.02, 15);
    expect(historicalVaR(series, { confidence: 0.9 })).toBeCloseTo(-0.038, 15);
    expect(historicalVaR([0.02])).toBe(0.02);
    expect(historicalVaR([missing, -0.01, missing])).toBe(-0.01);
  });

  it("conditionalVaR averages the ⌊(n − 1)(1 − confidence)⌋ + 1 worst returns", () => {
    expect(conditionalVaR(series, { confidence: 0.75 })).toBeCloseTo(-0.035, 15);
    expect(conditionalVaR(series, { confidence: 0.9 })).toBeCloseTo(-0.05, 15);
    // 11 returns at 0.9: (n − 1)·0.1 = 1, so the two worst, though 1 − 0.9 < 0.1 in floating point.
    const eleven = Array.from({ length: 11 }, (_, i) => i / 100);
    expect(conditionalVaR(eleven, { confidence: 0.9 })).toBeCloseTo(0.005, 15);
  });

  it("at confidence 1 are the worst observation and at 0 the best, as a percentile is", () => {
    expect(historicalVaR(series, { confidence: 1 })).toBe(-0.05);
    expect(historicalVaR(series, { confidence: 0 })).toBe(0.03);
    expect(conditionalVaR(series, { confidence: 1 })).toBe(-0.05);
    // The tail at 0 is every observation (empyrical's cut), so its mean.
    expect(conditionalVaR(series, { confidence: 0 })).toBeCloseTo(-0.006, 15);
    expect(parametricVaR(series, { confidence: 1 })).toBe(Number.NEGATIVE_INFINITY);
  });

  it("parametricVaR is mean + z·std", () => {
    expect(parametricVaR([0.01, 0.03], { confidence: 0.95 })).toBeCloseTo(
      -0.0032617430735334824,
      15,
    );
    expect(parametricVaR([0.01])).toBeNaN();
  });

  it("are NaN without data and refuse a confidence outside [0, 1]", () => {
    for (const f of [historicalVaR, conditionalVaR, parametricVaR]) {
      expect(f([])).toBeNaN();
      expect(() => f(series, { confidence: 1.01 })).toThrow(RiskInputError);
      expect(() => f(series, { confidence: -0.01 })).toThrow(RiskInputError);
      expect(() => f(series, { confidence: missing })).toThrow(RiskInputError);
    }
  });
});
