export type RiskTolerance = "CONSERVATIVE" | "MODERATE" | "AGGRESSIVE";

import type { LimitType } from "./limit-catalog.ts";

export type { LimitType };

export interface InstrumentQuote {
  id: string;
  symbol: string;
  sector: string;
  lastPrice: number;
  /** Close of the last full trading day, for the day's P&L; omit or NaN when unknown. */
  previousClose?: number;
}

export interface PositionInput {
  instrumentId: string;
  /** Signed: a short position is negative. */
  quantity: number;
}

export interface PriceHistory {
  /** Trading days, oldest first (YYYY-MM-DD). */
  days: readonly string[];
  /** Daily closes per instrument id, aligned with `days`; NaN where a close is missing. */
  closes: ReadonlyMap<string, ArrayLike<number>>;
  /** The benchmark index's closes, aligned with `days`. */
  benchmark?: ArrayLike<number>;
  /** Per instrument id, the days whose close was carried from an earlier day (alignHistory). */
  carried?: ReadonlyMap<string, CarriedCloses>;
  /** The longest run of carried days before an instrument counts as stale. */
  maxCarryDays?: number;
}

/**
 * A holding's part of the book's one-day VaR (Euler allocation, decompose-risk.ts): components
 * in currency that sum to the book's VaR, marginal VaR per unit of notional, and the share of the
 * historical VaR.
 */
export interface RiskContribution {
  historical: number;
  parametric: number;
  marginalHistorical: number;
  marginalParametric: number;
  share: number;
}

/** How many of an instrument's days took an earlier close, and the longest run of them. */
export interface CarriedCloses {
  days: number;
  longestRun: number;
}

/**
 * What the numbers rest on, for the dashboard to show beside them: never a number quietly
 * computed from less than it seems.
 */
export interface DataQuality {
  /** Daily moves the history-based numbers use, and how many the profile asks for. */
  days: number;
  lookbackDays: number;
  /** Holdings with closes carried over days without one, within the allowed run. */
  carriedForward: { symbol: string; days: number }[];
  /** Holdings whose closes were carried longer than the allowed run: their prices are stale. */
  stale: { symbol: string; longestRun: number }[];
  /** Holdings with fewer daily moves than the window: no move is counted before their first. */
  shortHistory: { symbol: string; days: number }[];
  /** Holdings with no previous close: their day P&L is unknown, not zero. */
  noPreviousClose: string[];
  /** NAV ≤ 0: returns, volatility, Sharpe and drawdowns cannot be measured. */
  navNonPositive: boolean;
}

export interface RiskProfileInput {
  tolerance: RiskTolerance;
  /** VaR confidence, e.g. 0.95 or 0.99. */
  confidence: number;
  /** Daily returns of history the risk numbers look back over. */
  lookbackDays: number;
  /** Largest acceptable drawdown, as a fraction (0.15 = 15 %). */
  maxDrawdownTolerance: number;
}

export interface LimitInput {
  id: string;
  type: LimitType;
  threshold: number;
  /** Utilisation from which the limit is at WARN; 0.8 when omitted. */
  warnFraction?: number;
  severity?: "SOFT" | "HARD";
  /** For MAX_POSITION_NOTIONAL: the instrument it applies to (else the largest holding). */
  symbol?: string | null;
}

export interface PortfolioInput {
  cash: number;
  positions: readonly PositionInput[];
  instruments: readonly InstrumentQuote[];
  history: PriceHistory;
  profile: RiskProfileInput;
  limits: readonly LimitInput[];
}

export type ExclusionReason = "UNKNOWN_INSTRUMENT" | "INVALID_PRICE" | "INVALID_QUANTITY";

export interface Holding {
  instrumentId: string;
  symbol: string;
  sector: string;
  quantity: number;
  price: number;
  notional: number;
  /** |notional| / gross exposure. */
  weight: number;
  /** quantity × (last price − previous close); NaN without a previous close. */
  dayPnl: number;
}

export interface ExcludedPosition {
  instrumentId: string;
  symbol: string | null;
  reason: ExclusionReason;
}

export type LimitStatus = "OK" | "WARN" | "BREACH" | "NO_DATA";

export interface LimitUtilisation {
  id: string;
  type: LimitType;
  symbol: string | null;
  severity: "SOFT" | "HARD";
  threshold: number;
  warnFraction: number;
  /** The measured quantity the threshold caps; NaN when it cannot be measured. */
  measured: number;
  /** measured / threshold. */
  utilisation: number;
  status: LimitStatus;
}

export interface RiskScore {
  /** 0–100; NaN when nothing can be measured yet. */
  value: number;
  status: LimitStatus;
  /** What sets the score, as a sentence: "Leverage at 92% of limit". */
  driver: string;
}

export interface RiskMetrics {
  nav: number;
  cash: number;
  marketValue: number;
  dayPnl: number;
  /** dayPnl / NAV at the previous close. */
  dayPnlPct: number;
  exposure: { gross: number; net: number; long: number; short: number };
  /** gross / NAV: +Infinity when NAV ≤ 0 and anything is held. */
  leverage: number;
  concentration: {
    largestWeight: number;
    largestSymbol: string | null;
    herfindahl: number;
    effectiveN: number;
    topFive: { symbol: string; notional: number; weight: number }[];
  };
  sectors: {
    sector: string;
    gross: number;
    net: number;
    weight: number;
    /** The sector's holdings' VaR components, summed. */
    contribution: Pick<RiskContribution, "historical" | "parametric" | "share">;
  }[];
  holdings: (Holding & { contribution: RiskContribution })[];
  excluded: ExcludedPosition[];
  history: {
    /** The days of `pnl` and `returns`. */
    days: string[];
    /** Daily P&L of today's holdings revalued on past closes, in currency. */
    pnl: number[];
    /** pnl / NAV; NaN throughout when NAV ≤ 0. */
    returns: number[];
    /** Growth of 1 held in today's book, from the day before the first return. */
    equity: number[];
    drawdown: number[];
    /** Holding-days without a usable pair of closes (counted as no move). */
    gaps: number;
  };
  confidence: number;
  /** Positive loss amounts in currency at `confidence` over one day. */
  risk: {
    historicalVaR: number;
    historicalCVaR: number;
    parametricVaR: number;
    parametricCVaR: number;
  };
  volatility: number;
  sharpe: number;
  sortino: number;
  maxDrawdown: number;
  currentDrawdown: number;
  beta: number;
  limits: LimitUtilisation[];
  score: RiskScore;
  dataQuality: DataQuality;
  flags: {
    navNonPositive: boolean;
    /** Fewer daily returns than the profile's lookback. */
    shortHistory: boolean;
  };
}
