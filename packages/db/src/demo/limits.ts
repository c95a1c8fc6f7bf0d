import {
  computeRiskMetrics,
  LIMIT_CATALOG,
  type LimitInput,
  type PortfolioInput,
} from "@repo/risk-engine";
import type { LimitType } from "../generated/prisma/enums.ts";
import { BENCHMARK } from "./catalog.ts";
import { DEFAULT_UTILISATION, type TraderStyle } from "./traders.ts";

/** One trader's book as it is seeded: what the API will read back from the database. */
export interface SeededBook {
  cash: number;
  holdings: readonly { symbol: string; sector: string; quantity: number; lastPrice: number }[];
  /** The holding MAX_POSITION_NOTIONAL is set on. */
  largestSymbol: string;
}

export interface LimitPlan {
  type: LimitType;
  threshold: number;
  /** Decimal places the threshold is stored with. */
  decimals: number;
  severity: "SOFT" | "HARD";
  symbol: string | null;
}

/**
 * The API refuses a threshold past what its kind can mean (above 1 for a fraction of the book),
 * so a limit must stay editable as seeded. A very levered book can measure a drawdown near or
 * past 100% / target; its limit then stops at the largest and the book sits further inside it
 * than the target, never nearer.
 */
const largestThreshold = (type: LimitType) => LIMIT_CATALOG[type].max;

const LIMIT_SHAPES: [LimitType, number, "SOFT" | "HARD"][] = [
  ["MAX_GROSS_EXPOSURE", 2, "HARD"],
  ["MAX_NET_EXPOSURE", 2, "SOFT"],
  ["MAX_LEVERAGE", 4, "HARD"],
  ["MAX_CONCENTRATION", 4, "SOFT"],
  ["MAX_POSITION_NOTIONAL", 2, "SOFT"],
  ["MAX_VAR", 2, "HARD"],
  ["MAX_DRAWDOWN", 4, "SOFT"],
  ["MAX_DAILY_LOSS", 2, "SOFT"],
];

/**
 * Every limit of one trader, set at measured value / the style's target utilisation, where the
 * measured value is what @repo/risk-engine reports for the seeded book, so the dashboard shows
 * exactly the utilisation the story asks for. The VaR, drawdown and exposure figures come from
 * the engine itself rather than from estimates here: a drawdown guessed from the style alone
 * put every book in breach.
 */
export function limitPlans(
  style: TraderStyle,
  book: SeededBook,
  closes: ReadonlyMap<string, readonly number[]>,
): LimitPlan[] {
  const probes: LimitInput[] = LIMIT_SHAPES.map(([type]) => ({
    id: type,
    type,
    threshold: 1,
    symbol: LIMIT_CATALOG[type].perSymbol ? book.largestSymbol : null,
  }));
  const metrics = computeRiskMetrics(engineInput(style, book, closes, probes));
  const measured = new Map(metrics.limits.map((limit) => [limit.type, limit.measured]));
  // A freshly seeded book has no day P&L (its last price is the previous close), so the daily
  // loss limit is sized on the book's historical expected shortfall instead: once the price
  // feed moves, a day losing as much as the lookback's average tail day sits at the target.
  measured.set("MAX_DAILY_LOSS", metrics.risk.historicalCVaR);

  return LIMIT_SHAPES.map(([type, decimals, severity]) => {
    const threshold =
      (measured.get(type) ?? Number.NaN) / (style.utilisation[type] ?? DEFAULT_UTILISATION);
    return {
      type,
      threshold: Math.min(largestThreshold(type), threshold),
      decimals,
      severity,
      symbol: LIMIT_CATALOG[type].perSymbol ? book.largestSymbol : null,
    };
  });
}

/**
 * The engine input the API builds from the database (services/risk/compute-metrics.ts): the
 * last lookbackDays + 1 closes of the held instruments and the benchmark, the previous close
 * being the last one. Symbols stand in for instrument ids; each symbol is held once.
 */
function engineInput(
  style: TraderStyle,
  book: SeededBook,
  closes: ReadonlyMap<string, readonly number[]>,
  limits: LimitInput[],
): PortfolioInput {
  const dayCount = style.lookbackDays + 1;
  const recent = (symbol: string) => (closes.get(symbol) ?? []).slice(-dayCount);
  const held = new Map(book.holdings.map((h) => [h.symbol, recent(h.symbol)]));
  const benchmark = recent(BENCHMARK.symbol);
  return {
    cash: book.cash,
    positions: book.holdings.map((h) => ({ instrumentId: h.symbol, quantity: h.quantity })),
    instruments: book.holdings.map((h) => ({
      id: h.symbol,
      symbol: h.symbol,
      sector: h.sector,
      lastPrice: h.lastPrice,
      previousClose: held.get(h.symbol)?.at(-1) ?? Number.NaN,
    })),
    // Day labels only name the rows; the engine aligns closes by position.
    history: {
      days: benchmark.map((_, index) => String(index)),
      closes: held,
      benchmark,
    },
    profile: {
      tolerance: style.tolerance,
      confidence: style.varConfidence,
      lookbackDays: style.lookbackDays,
      maxDrawdownTolerance: style.maxDrawdownTolerance,
    },
    limits,
  };
}
