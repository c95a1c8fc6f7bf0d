import { describe, expect, it } from "vitest";
import { riskScore } from "./score.ts";
import type { LimitUtilisation, RiskProfileInput } from "./types.ts";

const profile: RiskProfileInput = {
  tolerance: "CONSERVATIVE",
  confidence: 0.95,
  lookbackDays: 250,
  maxDrawdownTolerance: 0.1,
};
const quiet = { volatility: Number.NaN, currentDrawdown: Number.NaN, profile };

function limit(overrides: Partial<LimitUtilisation>): LimitUtilisation {
  return {
    id: "l",
    type: "MAX_GROSS_EXPOSURE",
    symbol: null,
    severity: "SOFT",
    threshold: 1,
    warnFraction: 0.8,
    measured: 0.5,
    utilisation: 0.5,
    status: "OK",
    ...overrides,
  };
}

describe("riskScore", () => {
  it("is 100 × the highest utilisation, capped at 100, with the limit named", () => {
    const limits = [
      limit({ type: "MAX_GROSS_EXPOSURE", utilisation: 0.41 }),
      limit({ type: "MAX_LEVERAGE", utilisation: 0.92 }),
    ];
    expect(riskScore(limits, quiet)).toEqual({
      value: 92,
      status: "WARN",
      driver: "Leverage at 92% of limit",
    });
    const over = [limit({ type: "MAX_POSITION_NOTIONAL", symbol: "NVX", utilisation: 1.34 })];
    expect(riskScore(over, quiet)).toEqual({
      value: 100,
      status: "BREACH",
      driver: "Position notional (NVX) at 134% of limit",
    });
  });

  it("follows the limit's own warn fraction for its status", () => {
    expect(riskScore([limit({ utilisation: 0.65, warnFraction: 0.6 })], quiet).status).toBe("WARN");
    expect(riskScore([limit({ utilisation: 0.65, warnFraction: 0.7 })], quiet).status).toBe("OK");
  });

  it("lets a HARD limit win a tie and skips limits it could not measure", () => {
    const limits = [
      limit({ type: "MAX_NET_EXPOSURE", utilisation: 0.7, severity: "SOFT" }),
      limit({ type: "MAX_VAR", utilisation: 0.7, severity: "HARD" }),
      limit({ type: "MAX_DRAWDOWN", utilisation: Number.NaN }),
    ];
    expect(riskScore(limits, quiet).driver).toBe("Value at risk at 70% of limit");
  });

  it("falls back on volatility against the tolerance's budget, or drawdown against the profile", () => {
    expect(riskScore([], { ...quiet, volatility: 0.05, currentDrawdown: -0.02 })).toEqual({
      value: 50,
      status: "OK",
      driver: "Volatility at 50% of the conservative budget of 10%",
    });
    expect(riskScore([], { ...quiet, volatility: 0.05, currentDrawdown: -0.09 })).toEqual({
      value: 90,
      status: "WARN",
      driver: "Drawdown at 90% of the 10% tolerance",
    });
  });
});
