import { describe, expect, it } from "vitest";
import { RiskInputError } from "../errors.ts";
import { computeRiskMetrics } from "./compute-risk-metrics.ts";
import { smallBook } from "./fixture.ts";

const close = (actual: number, expected: number, digits = 9) =>
  expect(actual).toBeCloseTo(expected, digits);

describe("computeRiskMetrics on a book checked by hand", () => {
  const metrics = computeRiskMetrics(smallBook());

  it("values the book: NAV, exposures, leverage and the day's P&L", () => {
    expect(metrics.nav).toBe(20_000);
    expect(metrics.marketValue).toBe(10_000);
    expect(metrics.exposure).toEqual({ gross: 20_000, net: 10_000, long: 15_000, short: 5_000 });
    expect(metrics.leverage).toBe(1);
    expect(metrics.dayPnl).toBe(1_200);
    close(metrics.dayPnlPct, 1_200 / 18_800, 15);
  });

  it("sums positions on one instrument and measures concentration and sectors", () => {
    expect(metrics.holdings.map((h) => [h.symbol, h.quantity, h.notional, h.weight])).toEqual([
      ["A", 100, 11_000, 0.55],
      ["B", -100, -5_000, 0.25],
      ["C", 200, 4_000, 0.2],
    ]);
    expect(metrics.concentration.largestSymbol).toBe("A");
    expect(metrics.concentration.largestWeight).toBe(0.55);
    close(metrics.concentration.herfindahl, 0.405, 15);
    close(metrics.concentration.effectiveN, 2.4691358024691357, 12);
    expect(metrics.concentration.topFive.map((t) => t.symbol)).toEqual(["A", "B", "C"]);
    expect(metrics.sectors).toMatchObject([
      { sector: "Technology", gross: 15_000, net: 15_000, weight: 0.75 },
      { sector: "Energy", gross: 5_000, net: -5_000, weight: 0.25 },
    ]);
  });

  it("splits the historical VaR over holdings and sectors at the days around the quantile", () => {
    // The 5 % quantile of 4 days lies 0.15 of the way from the worst day (−1,600: A −1,100,
    // B −500) to the next (+454.55: B alone), so A holds 0.85 × 1,100 and B 0.85 × 500 −
    // 0.15 × 454.55.
    const byHolding = Object.fromEntries(
      metrics.holdings.map((h) => [h.symbol, h.contribution.historical]),
    );
    close(byHolding.A as number, 935, 9);
    close(byHolding.B as number, 425 - 0.15 * 454.5454545454547, 9);
    expect(byHolding.C).toBe(0);
    close((byHolding.A as number) + (byHolding.B as number), metrics.risk.historicalVaR, 9);
    const a = metrics.holdings.find((h) => h.symbol === "A");
    close(a?.contribution.marginalHistorical as number, 935 / 11_000, 12);
    close(a?.contribution.share as number, 935 / metrics.risk.historicalVaR, 12);
    const technology = metrics.sectors.find((s) => s.sector === "Technology");
    close(technology?.contribution.historical as number, 935, 9);
  });

  it("revalues today's holdings on past closes", () => {
    expect(metrics.history.days).toEqual(["2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09"]);
    const expected = [1_100, -1_600, 454.5454545454547, 1_222.2222222222229];
    expected.forEach((pnl, i) => {
      close(metrics.history.pnl[i] as number, pnl, 9);
      close(metrics.history.returns[i] as number, pnl / 20_000, 12);
    });
    expect(metrics.history.gaps).toBe(0);
    expect(metrics.history.equity).toHaveLength(5);
    close(metrics.history.equity.at(-1) as number, 1.053321590909091, 12);
  });

  it("reports one-day VaR and expected shortfall as positive currency losses", () => {
    expect(metrics.confidence).toBe(0.95);
    close(metrics.risk.historicalVaR, 1_291.818181818182, 8);
    close(metrics.risk.historicalCVaR, 1_600, 8);
    close(metrics.risk.parametricVaR, 1_855.52609475509, 8);
    close(metrics.risk.parametricCVaR, 2_401.6411976527957, 8);
  });

  it("computes volatility, ratios, drawdowns and beta on the book's returns", () => {
    close(metrics.volatility, 1.037348094801739, 12);
    close(metrics.sharpe, 3.573359994001478, 12);
    close(metrics.sortino, 5.837689919299718, 12);
    close(metrics.maxDrawdown, -0.08, 12);
    close(metrics.currentDrawdown, -0.0015909090909091983, 12);
    close(metrics.beta, 4.56435408913578, 10);
  });

  it("measures each limit and its status", () => {
    const byId = Object.fromEntries(metrics.limits.map((l) => [l.id, l]));
    expect(byId.lev).toMatchObject({
      measured: 1,
      utilisation: 0.8,
      status: "WARN",
      severity: "HARD",
    });
    expect(byId.conc).toMatchObject({ measured: 0.55, status: "BREACH" });
    close(byId.conc?.utilisation as number, 1.1, 12);
    expect(byId.posB).toMatchObject({
      measured: 5_000,
      utilisation: 0.5,
      status: "OK",
      symbol: "B",
    });
    expect(byId.var?.status).toBe("OK");
    close(byId.var?.utilisation as number, 1_291.818181818182 / 2_000, 10);
    expect(byId.loss).toMatchObject({ measured: 0, utilisation: 0, status: "OK" });
    expect(byId.dd?.status).toBe("WARN");
  });

  it("scores the book by its most used limit and names it", () => {
    expect(metrics.score).toEqual({
      value: 100,
      status: "BREACH",
      driver: "Concentration at 110% of limit",
    });
    expect(metrics.flags).toEqual({ navNonPositive: false, shortHistory: false });
  });
});

describe("computeRiskMetrics on bad or thin input", () => {
  it("lists positions it cannot value instead of valuing them at zero", () => {
    const base = smallBook();
    const metrics = computeRiskMetrics({
      ...base,
      positions: [
        ...base.positions,
        { instrumentId: "ghost", quantity: 10 },
        { instrumentId: "d", quantity: 5 },
        { instrumentId: "e", quantity: 5 },
        { instrumentId: "c", quantity: Number.NaN },
      ],
      instruments: [
        ...base.instruments,
        { id: "d", symbol: "D", sector: "Energy", lastPrice: Number.NaN },
        { id: "e", symbol: "E", sector: "Energy", lastPrice: 0 },
      ],
    });
    expect(metrics.excluded).toEqual([
      { instrumentId: "ghost", symbol: null, reason: "UNKNOWN_INSTRUMENT" },
      { instrumentId: "d", symbol: "D", reason: "INVALID_PRICE" },
      { instrumentId: "e", symbol: "E", reason: "INVALID_PRICE" },
      { instrumentId: "c", symbol: "C", reason: "INVALID_QUANTITY" },
    ]);
    expect(metrics.exposure.gross).toBe(20_000);
  });

  it("counts missing closes as gaps and as no move", () => {
    const base = smallBook();
    const closes = new Map(base.history.closes);
    closes.set("a", [100, 110, Number.NaN, 99, 110]);
    const metrics = computeRiskMetrics({ ...base, history: { ...base.history, closes } });
    expect(metrics.history.gaps).toBe(2);
    close(metrics.history.pnl[1] as number, -500, 9);
  });

  it("flags a book whose NAV is not positive and keeps currency risk measurable", () => {
    const metrics = computeRiskMetrics(smallBook({ cash: -20_000 }));
    expect(metrics.nav).toBe(-10_000);
    expect(metrics.flags.navNonPositive).toBe(true);
    expect(metrics.leverage).toBe(Number.POSITIVE_INFINITY);
    expect(metrics.volatility).toBeNaN();
    expect(metrics.history.returns.every(Number.isNaN)).toBe(true);
    close(metrics.risk.historicalVaR, 1_291.818181818182, 8);
    expect(metrics.limits.find((l) => l.id === "lev")?.status).toBe("BREACH");
    // No return is known without a positive NAV, so neither is a drawdown: not "0 %, OK".
    expect(metrics.maxDrawdown).toBeNaN();
    expect(metrics.limits.find((l) => l.id === "dd")?.status).toBe("NO_DATA");
    expect(metrics.score.driver).toBe("Leverage unbounded: net asset value is not positive");
  });

  it("flags a history shorter than the lookback and uses what there is", () => {
    const metrics = computeRiskMetrics(
      smallBook({
        profile: {
          tolerance: "MODERATE",
          confidence: 0.99,
          lookbackDays: 250,
          maxDrawdownTolerance: 0.1,
        },
      }),
    );
    expect(metrics.flags.shortHistory).toBe(true);
    expect(metrics.history.pnl).toHaveLength(4);
  });

  it("reports NO_DATA for a limit it cannot measure, and scores from the profile without limits", () => {
    const noHistory = smallBook({
      history: { days: [], closes: new Map() },
      limits: [{ id: "dd", type: "MAX_DRAWDOWN", threshold: 0.1 }],
    });
    const metrics = computeRiskMetrics(noHistory);
    expect(metrics.limits[0]?.status).toBe("NO_DATA");
    expect(metrics.risk.historicalVaR).toBeNaN();
    expect(metrics.score).toEqual({
      value: Number.NaN,
      status: "NO_DATA",
      driver: "Not enough history to score yet",
    });

    const noLimits = computeRiskMetrics(smallBook({ limits: [] }));
    expect(noLimits.score).toEqual({
      value: 100,
      status: "BREACH",
      driver: "Volatility at 519% of the moderate budget of 20%",
    });
  });

  it("refuses closes that do not line up with the days, and invalid limits or options", () => {
    const base = smallBook();
    const closes = new Map(base.history.closes);
    closes.set("b", [50, 50]);
    expect(() => computeRiskMetrics({ ...base, history: { ...base.history, closes } })).toThrow(
      RiskInputError,
    );
    expect(() =>
      computeRiskMetrics({ ...base, history: { ...base.history, benchmark: [1, 2] } }),
    ).toThrow(/benchmark/);
    expect(() =>
      computeRiskMetrics(smallBook({ limits: [{ id: "x", type: "MAX_VAR", threshold: 0 }] })),
    ).toThrow(/threshold must be a positive number/);
    expect(() =>
      computeRiskMetrics(
        smallBook({ limits: [{ id: "x", type: "MAX_VAR", threshold: 1, warnFraction: 1.2 }] }),
      ),
    ).toThrow(RiskInputError);
    expect(() => computeRiskMetrics(smallBook({ cash: Number.NaN }))).toThrow(/cash/);
    expect(() =>
      computeRiskMetrics(
        smallBook({
          profile: {
            tolerance: "MODERATE",
            confidence: 1.5,
            lookbackDays: 4,
            maxDrawdownTolerance: 0.1,
          },
        }),
      ),
    ).toThrow(/confidence/);
  });
});
