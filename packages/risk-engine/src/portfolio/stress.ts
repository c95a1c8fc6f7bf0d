import { beta } from "../series/benchmark.ts";
import { computeRiskMetrics } from "./compute-risk-metrics.ts";
import type { LimitUtilisation, PortfolioInput, RiskMetrics } from "./types.ts";

/** One scenario replayed on today's positions: its P&L and the limits at BREACH after it. */
export interface StressResult {
  id: "worst-day" | "worst-week" | "market-down" | "sector-down" | "benchmark-beta";
  kind: "historical" | "hypothetical";
  /** What was applied, in words: "the 2026-03-09 moves", "Technology −20 %". */
  name: string;
  /** The book's P&L in currency if it happened now. */
  pnl: number;
  /** Limits at BREACH once it happened (the day's loss counted), the most used first. */
  breaches: Pick<LimitUtilisation, "id" | "type" | "symbol" | "severity" | "utilisation">[];
}

const MARKET_SHOCK = -0.1;
const SECTOR_SHOCK = -0.2;
const WEEK = 5;

/**
 * Stress scenarios on today's book: the worst day and the worst five days in the lookback
 * (each instrument's own move then, replayed on today's positions), the whole market −10 %,
 * the worst-hit sector −20 %, and the benchmark −10 % passed on to each holding by its beta.
 * Each is valued by moving the last prices and re-running computeRiskMetrics with the previous
 * close at today's price, so the scenario's P&L is the day's P&L and every limit (daily loss,
 * exposures, leverage, VaR on the moved notionals) is measured after it.
 */
export function stressTest(input: PortfolioInput, base: RiskMetrics): StressResult[] {
  const { days, closes } = input.history;
  const n = base.history.pnl.length;
  const first = days.length - n;
  const held = new Set(base.holdings.map((h) => h.instrumentId));
  const moveOver = (from: number, to: number) =>
    new Map(
      [...held].map((id) => {
        const series = closes.get(id);
        const start = series?.[first + from - 1] as number;
        const end = series?.[first + to] as number;
        return [id, start > 0 && end > 0 ? end / start - 1 : 0];
      }),
    );
  const results: StressResult[] = [];

  const pnl = base.history.pnl;
  if (n > 0) {
    const worst = pnl.indexOf(Math.min(...pnl));
    results.push(
      scenario(
        input,
        "worst-day",
        "historical",
        `the moves of ${days[first + worst]}`,
        moveOver(worst, worst),
      ),
    );
  }
  if (n >= WEEK) {
    let worstStart = 0;
    let worstSum = Number.POSITIVE_INFINITY;
    for (let t = 0; t + WEEK <= n; t++) {
      let sum = 0;
      for (let k = t; k < t + WEEK; k++) sum += pnl[k] as number;
      if (sum < worstSum) [worstSum, worstStart] = [sum, t];
    }
    const end = worstStart + WEEK - 1;
    results.push(
      scenario(
        input,
        "worst-week",
        "historical",
        `the moves of ${days[first + worstStart]} to ${days[first + end]}`,
        moveOver(worstStart, end),
      ),
    );
  }
  results.push(
    scenario(
      input,
      "market-down",
      "hypothetical",
      "every price −10 %",
      new Map([...held].map((id) => [id, MARKET_SHOCK])),
    ),
  );
  const sectors = [...new Set(base.holdings.map((h) => h.sector))];
  const bySector = sectors.map((sector) =>
    scenario(
      input,
      "sector-down",
      "hypothetical",
      `${sector} −20 %`,
      new Map(base.holdings.map((h) => [h.instrumentId, h.sector === sector ? SECTOR_SHOCK : 0])),
    ),
  );
  const worstSector = bySector.sort((a, b) => a.pnl - b.pnl)[0];
  if (worstSector) results.push(worstSector);
  const benchmark = input.history.benchmark;
  if (benchmark && n >= 2) {
    const returnsOf = (series: ArrayLike<number> | undefined) =>
      Array.from({ length: n }, (_, t) => {
        const previous = series?.[first + t - 1] as number;
        const close = series?.[first + t] as number;
        return previous > 0 && close > 0 ? close / previous - 1 : Number.NaN;
      });
    const market = returnsOf(benchmark);
    const shocks = new Map(
      [...held].map((id) => {
        const b = beta(returnsOf(closes.get(id)), market);
        return [id, Number.isFinite(b) ? b * MARKET_SHOCK : MARKET_SHOCK];
      }),
    );
    results.push(
      scenario(input, "benchmark-beta", "hypothetical", "the benchmark −10 %, by beta", shocks),
    );
  }
  return results;
}

function scenario(
  input: PortfolioInput,
  id: StressResult["id"],
  kind: StressResult["kind"],
  name: string,
  shocks: ReadonlyMap<string, number>,
): StressResult {
  const moved = computeRiskMetrics({
    ...input,
    instruments: input.instruments.map((instrument) => ({
      ...instrument,
      previousClose: instrument.lastPrice,
      lastPrice: instrument.lastPrice * (1 + (shocks.get(instrument.id) ?? 0)),
    })),
  });
  const breaches = moved.limits
    .filter((limit) => limit.status === "BREACH")
    .sort((a, b) => b.utilisation - a.utilisation)
    .map(({ id: limitId, type, symbol, severity, utilisation }) => ({
      id: limitId,
      type,
      symbol,
      severity,
      utilisation,
    }));
  return { id, kind, name, pnl: moved.dayPnl, breaches };
}
