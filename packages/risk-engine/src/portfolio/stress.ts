import { beta } from "../series/benchmark.ts";
import { computeRiskMetrics } from "./compute-risk-metrics.ts";
import type { LimitUtilisation, PortfolioInput, PriceHistory, RiskMetrics } from "./types.ts";

export type StressKind = "historical" | "hypothetical" | "firm";

/** One scenario replayed on today's positions: its P&L, VaR and the limits at BREACH after it. */
export interface StressResult {
  /** A built-in scenario's name ("worst-day", …) or the firm scenario's id. */
  id: string;
  kind: StressKind;
  /** What was applied, in words: "the moves of 2026-03-09", "Technology −20 %". */
  name: string;
  /** The book's P&L in currency if it happened now; null when the scenario moves no price. */
  pnl: number | null;
  /** The book's one-day historical VaR once it happened. */
  valueAtRisk: number;
  /** Limits at BREACH once it happened (the day's loss counted), the most used first. */
  breaches: Pick<LimitUtilisation, "id" | "type" | "symbol" | "severity" | "utilisation">[];
}

/** A price move of a firm scenario: every instrument, one sector's, or one symbol's. */
export type ScenarioMove =
  | { on: "MARKET"; move: number }
  | { on: "SECTOR"; sector: string; move: number }
  | { on: "SYMBOL"; symbol: string; move: number };

/** A scenario a firm defines for every book: a holding takes its most specific move. */
export interface FirmScenario {
  id: string;
  name: string;
  moves: readonly ScenarioMove[];
}

export const MARKET_SHOCK = -0.1;
export const SECTOR_SHOCK = -0.2;
/** The lookback's daily moves are scaled by this in the volatility-up scenario. */
export const VOLATILITY_SHOCK = 1.5;
const WEEK = 5;
/** A scaled daily move never takes a price below 1 % of the day before. */
const LOWEST_SCALED_RATIO = 0.01;

type PriceShocks = ReadonlyMap<string, number>;

/**
 * Stress scenarios on today's book: the worst day and the worst five days in the lookback
 * (each instrument's own move then, replayed on today's positions), the whole market −10 %,
 * the worst-hit sector −20 %, the benchmark −10 % passed on to each holding by its beta, the
 * lookback's daily moves half as large again (volatility up), then the firm's own scenarios.
 * A price move is valued by re-running computeRiskMetrics with the previous close at today's
 * price and the last price moved, so the scenario's P&L is the day's P&L and every limit (daily
 * loss, exposures, leverage, VaR on the moved notionals) is measured after it.
 */
export function stressTest(
  input: PortfolioInput,
  base: RiskMetrics,
  firmScenarios: readonly FirmScenario[] = [],
): StressResult[] {
  const { days, closes } = input.history;
  const n = base.history.pnl.length;
  const first = days.length - n;
  const held = [...new Set(base.holdings.map((h) => h.instrumentId))];
  const everyHolding = (shockOf: (id: string) => number): PriceShocks =>
    new Map(held.map((id) => [id, shockOf(id)]));
  const moveOver = (from: number, to: number) =>
    everyHolding((id) => {
      const series = closes.get(id);
      const start = series?.[first + from - 1] as number;
      const end = series?.[first + to] as number;
      return start > 0 && end > 0 ? end / start - 1 : 0;
    });
  const results: StressResult[] = [];

  const pnl = base.history.pnl;
  if (n > 0) {
    const worst = pnl.indexOf(Math.min(...pnl));
    const name = `the moves of ${days[first + worst]}`;
    results.push(priceScenario(input, "worst-day", "historical", name, moveOver(worst, worst)));
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
    const name = `the moves of ${days[first + worstStart]} to ${days[first + end]}`;
    results.push(priceScenario(input, "worst-week", "historical", name, moveOver(worstStart, end)));
  }
  results.push(
    priceScenario(
      input,
      "market-down",
      "hypothetical",
      `every price ${signed(MARKET_SHOCK)}`,
      everyHolding(() => MARKET_SHOCK),
    ),
  );
  const sectorOf = new Map(base.holdings.map((h) => [h.instrumentId, h.sector]));
  const worstSector = [...new Set(sectorOf.values())]
    .map((sector) =>
      priceScenario(
        input,
        "sector-down",
        "hypothetical",
        `${sector} ${signed(SECTOR_SHOCK)}`,
        everyHolding((id) => (sectorOf.get(id) === sector ? SECTOR_SHOCK : 0)),
      ),
    )
    .sort((a, b) => (a.pnl as number) - (b.pnl as number))[0];
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
    const shocks = everyHolding((id) => {
      const b = beta(returnsOf(closes.get(id)), market);
      return Number.isFinite(b) ? b * MARKET_SHOCK : MARKET_SHOCK;
    });
    const name = `the benchmark ${signed(MARKET_SHOCK)}, by beta`;
    results.push(priceScenario(input, "benchmark-beta", "hypothetical", name, shocks));
  }
  if (n >= 1) results.push(volatilityUp(input));
  const symbolOf = new Map(base.holdings.map((h) => [h.instrumentId, h.symbol]));
  for (const scenario of firmScenarios) {
    const shocks = everyHolding((id) =>
      firmMove(scenario.moves, symbolOf.get(id) as string, sectorOf.get(id) as string),
    );
    results.push(priceScenario(input, scenario.id, "firm", scenario.name, shocks));
  }
  return results;
}

/** The move a holding takes in a firm scenario: its symbol's, else its sector's, else the market's. */
export function firmMove(moves: readonly ScenarioMove[], symbol: string, sector: string): number {
  const find = (test: (move: ScenarioMove) => boolean) => moves.find(test)?.move;
  return (
    find((m) => m.on === "SYMBOL" && m.symbol === symbol) ??
    find((m) => m.on === "SECTOR" && m.sector === sector) ??
    find((m) => m.on === "MARKET") ??
    0
  );
}

/** "−10 %", "+5 %": the move as the scenario's name says it. */
function signed(move: number): string {
  const text = `${Math.round(Math.abs(move) * 1000) / 10} %`;
  return move < 0 ? `−${text}` : `+${text}`;
}

function priceScenario(
  input: PortfolioInput,
  id: string,
  kind: StressKind,
  name: string,
  shocks: PriceShocks,
): StressResult {
  const moved = computeRiskMetrics({
    ...input,
    instruments: input.instruments.map((instrument) => ({
      ...instrument,
      previousClose: instrument.lastPrice,
      lastPrice: instrument.lastPrice * (1 + (shocks.get(instrument.id) ?? 0)),
    })),
  });
  return resultOf(moved, id, kind, name, moved.dayPnl);
}

/**
 * Prices stay where they are; every daily move of the lookback (each instrument's and the
 * benchmark's) is scaled by VOLATILITY_SHOCK, so the VaR, CVaR and drawdown limits are measured
 * on a market half as volatile again. A linear book has no P&L from volatility itself.
 */
function volatilityUp(input: PortfolioInput): StressResult {
  const scaled = computeRiskMetrics({
    ...input,
    history: scaleMoves(input.history, VOLATILITY_SHOCK),
  });
  return resultOf(
    scaled,
    "volatility-up",
    "hypothetical",
    `daily moves ×${VOLATILITY_SHOCK}, prices unchanged`,
    null,
  );
}

function resultOf(
  after: RiskMetrics,
  id: string,
  kind: StressKind,
  name: string,
  pnl: number | null,
): StressResult {
  const breaches = after.limits
    .filter((limit) => limit.status === "BREACH")
    .sort((a, b) => b.utilisation - a.utilisation)
    .map(({ id: limitId, type, symbol, severity, utilisation }) => ({
      id: limitId,
      type,
      symbol,
      severity,
      utilisation,
    }));
  return { id, kind, name, pnl, valueAtRisk: after.risk.historicalVaR, breaches };
}

/**
 * The same history with every move between two usable closes scaled by `factor`
 * (close′_t = close′_t−1 × (1 + factor × r_t)); a close after a gap starts again from itself,
 * and gaps stay gaps, so the days a move is counted on do not change.
 */
export function scaleMoves(history: PriceHistory, factor: number): PriceHistory {
  const scale = (series: ArrayLike<number>): Float64Array => {
    const out = Float64Array.from(series);
    for (let t = 1; t < out.length; t++) {
      const previous = series[t - 1] as number;
      const close = series[t] as number;
      if (previous > 0 && close > 0 && (out[t - 1] as number) > 0) {
        const ratio = Math.max(LOWEST_SCALED_RATIO, 1 + factor * (close / previous - 1));
        out[t] = (out[t - 1] as number) * ratio;
      }
    }
    return out;
  };
  return {
    ...history,
    closes: new Map([...history.closes].map(([id, series]) => [id, scale(series)])),
    ...(history.benchmark ? { benchmark: scale(history.benchmark) } : {}),
  };
}
