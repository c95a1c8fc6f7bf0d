import { RiskInputError } from "../errors.ts";
import type { Holding, PriceHistory } from "./types.ts";

export interface BookHistory {
  days: string[];
  /** Daily P&L of today's holdings on past closes. */
  pnl: Float64Array;
  /** The benchmark's simple returns on the same days (NaN where missing). */
  benchmarkReturns: Float64Array | null;
  gaps: number;
  /** Per instrument id of a holding, the days of the window it has a move for. */
  movesOf: Map<string, number>;
}

function isPrice(value: number): boolean {
  return value > 0 && Number.isFinite(value);
}

/**
 * Historical simulation: each of the last `lookbackDays` daily moves of every instrument is
 * applied to today's notional, P&L_t = Σ notional_i × (close_i,t / close_i,t−1 − 1). One pass
 * per holding over a typed array; a holding-day without two usable closes counts as no move
 * and as one gap.
 */
export function simulateHistory(
  holdings: readonly Holding[],
  history: PriceHistory,
  lookbackDays: number,
): BookHistory {
  const dayCount = history.days.length;
  const length = Math.max(0, Math.min(lookbackDays, dayCount - 1));
  const first = dayCount - length;
  const pnl = new Float64Array(length);
  const movesOf = new Map<string, number>();
  let gaps = 0;

  for (const holding of holdings) {
    const closes = history.closes.get(holding.instrumentId);
    if (!closes) {
      gaps += length;
      movesOf.set(holding.instrumentId, 0);
      continue;
    }
    assertAligned(closes, dayCount, holding.symbol);
    const notional = holding.notional;
    let moves = 0;
    for (let t = first; t < dayCount; t++) {
      const previous = closes[t - 1] as number;
      const close = closes[t] as number;
      if (isPrice(previous) && isPrice(close)) {
        const day = t - first;
        pnl[day] = (pnl[day] as number) + notional * (close / previous - 1);
        moves++;
      } else {
        gaps++;
      }
    }
    // Two positions in one instrument make one holding, but keep the count per instrument.
    movesOf.set(holding.instrumentId, moves);
  }

  let benchmarkReturns: Float64Array | null = null;
  const benchmark = history.benchmark;
  if (benchmark) {
    assertAligned(benchmark, dayCount, "the benchmark");
    benchmarkReturns = new Float64Array(length);
    for (let t = first; t < dayCount; t++) {
      const previous = benchmark[t - 1] as number;
      const close = benchmark[t] as number;
      benchmarkReturns[t - first] =
        isPrice(previous) && isPrice(close) ? close / previous - 1 : Number.NaN;
    }
  }
  return { days: history.days.slice(first), pnl, benchmarkReturns, gaps, movesOf };
}

function assertAligned(closes: ArrayLike<number>, dayCount: number, name: string) {
  if (closes.length !== dayCount) {
    throw new RiskInputError(
      "LENGTH_MISMATCH",
      `closes of ${name} cover ${closes.length} days but the history has ${dayCount}`,
    );
  }
}
