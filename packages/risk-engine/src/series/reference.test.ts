import { describe, expect, it } from "vitest";
import reference from "../../reference/reference.json" with { type: "json" };
import * as series from "./index.ts";

/** Relative agreement to 1e-12: the same formulas in float64, summed in a different order. */
function expectClose(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
}

const toSeries = (values: (number | null)[]) => values.map((v) => (v === null ? Number.NaN : v));

describe.each(reference.cases)("against the numpy reference: $name", (testCase) => {
  const r = toSeries(testCase.returns);
  const b = toSeries(testCase.benchmark);
  const rate = testCase.riskFree;
  const e = testCase.expected as Record<string, number>;

  it("matches the return and volatility functions", () => {
    expectClose(series.cumulativeReturn(r), e.cumulativeReturn as number);
    expectClose(
      series.cumulativeReturn(r, { startingValue: 100 }),
      e.cumulativeReturnFrom100 as number,
    );
    expectClose(series.annualReturn(r), e.annualReturn as number);
    expectClose(series.annualVolatility(r), e.annualVolatility as number);
    expectClose(series.maxDrawdown(r), e.maxDrawdown as number);
    expectClose(series.calmarRatio(r), e.calmarRatio as number);
  });

  it("matches the ratios with the case's risk-free rate", () => {
    expectClose(series.sharpeRatio(r, { riskFree: rate }), e.sharpeRatio as number);
    expectClose(series.downsideRisk(r, { requiredReturn: rate }), e.downsideRisk as number);
    expectClose(series.sortinoRatio(r, { requiredReturn: rate }), e.sortinoRatio as number);
    expectClose(series.beta(r, b, { riskFree: rate }), e.beta as number);
    expectClose(series.alpha(r, b, { riskFree: rate }), e.alpha as number);
  });

  it.each([0.9, 0.95, 0.99])("matches the VaR family at %s", (confidence) => {
    expectClose(
      series.historicalVaR(r, { confidence }),
      e[`historicalVaR@${confidence}`] as number,
    );
    expectClose(
      series.conditionalVaR(r, { confidence }),
      e[`conditionalVaR@${confidence}`] as number,
    );
    expectClose(
      series.parametricVaR(r, { confidence }),
      e[`parametricVaR@${confidence}`] as number,
    );
  });
});

describe("inverseNormalCdf", () => {
  it.each(reference.inverseNormal)(
    "agrees with the reference quantile at p = %s to 1e-12",
    (p, z) => {
      expect(Math.abs(series.inverseNormalCdf(p as number) - (z as number))).toBeLessThanOrEqual(
        1e-12,
      );
    },
  );

  it("is ±Infinity at the ends and NaN outside [0, 1]", () => {
    expect(series.inverseNormalCdf(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(series.inverseNormalCdf(1)).toBe(Number.POSITIVE_INFINITY);
    expect(series.inverseNormalCdf(-0.1)).toBeNaN();
    expect(series.inverseNormalCdf(Number.NaN)).toBeNaN();
  });
});
