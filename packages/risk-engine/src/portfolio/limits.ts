import { RiskInputError } from "../errors.ts";
import type { Holding, LimitInput, LimitStatus, LimitType, LimitUtilisation } from "./types.ts";

/** What each limit type caps, measured on the book. */
export interface Measures {
  gross: number;
  net: number;
  leverage: number;
  largestWeight: number;
  holdings: readonly Holding[];
  historicalVaR: number;
  maxDrawdown: number;
  dayPnl: number;
}

const DEFAULT_WARN_FRACTION = 0.8;

export function measure(type: LimitType, symbol: string | null, m: Measures): number {
  switch (type) {
    case "MAX_GROSS_EXPOSURE":
      return m.gross;
    case "MAX_NET_EXPOSURE":
      return Math.abs(m.net);
    case "MAX_LEVERAGE":
      return m.leverage;
    case "MAX_CONCENTRATION":
      return m.largestWeight;
    case "MAX_POSITION_NOTIONAL":
      return positionNotional(m.holdings, symbol);
    case "MAX_VAR":
      return m.historicalVaR;
    case "MAX_DRAWDOWN":
      return Math.abs(m.maxDrawdown);
    case "MAX_DAILY_LOSS":
      return Number.isNaN(m.dayPnl) ? Number.NaN : Math.max(0, -m.dayPnl);
  }
}

/** |notional| of the named instrument (0 when not held), or of the largest holding. */
function positionNotional(holdings: readonly Holding[], symbol: string | null): number {
  if (symbol) return Math.abs(holdings.find((h) => h.symbol === symbol)?.notional ?? 0);
  return holdings.reduce((largest, h) => Math.max(largest, Math.abs(h.notional)), 0);
}

export function statusOf(utilisation: number, warnFraction: number): LimitStatus {
  if (Number.isNaN(utilisation)) return "NO_DATA";
  if (utilisation >= 1) return "BREACH";
  if (utilisation >= warnFraction) return "WARN";
  return "OK";
}

/** Each limit's measured value, utilisation (measured / threshold) and status. */
export function utiliseLimits(
  limits: readonly LimitInput[],
  measures: Measures,
): LimitUtilisation[] {
  return limits.map((limit) => {
    const warnFraction = limit.warnFraction ?? DEFAULT_WARN_FRACTION;
    if (!(limit.threshold > 0 && Number.isFinite(limit.threshold))) {
      throw new RiskInputError(
        "INVALID_LIMIT",
        `limit ${limit.id}: threshold must be a positive number, got ${limit.threshold}`,
      );
    }
    if (!(warnFraction > 0 && warnFraction < 1)) {
      throw new RiskInputError(
        "INVALID_LIMIT",
        `limit ${limit.id}: warnFraction must be in (0, 1), got ${warnFraction}`,
      );
    }
    const symbol = limit.symbol ?? null;
    const measured = measure(limit.type, symbol, measures);
    const utilisation = measured / limit.threshold;
    return {
      id: limit.id,
      type: limit.type,
      symbol,
      severity: limit.severity ?? "SOFT",
      threshold: limit.threshold,
      warnFraction,
      measured,
      utilisation,
      status: statusOf(utilisation, warnFraction),
    };
  });
}
