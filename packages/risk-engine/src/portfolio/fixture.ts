import type { LimitInput, PortfolioInput } from "./types.ts";

/**
 * A three-name book small enough to check by hand: A long 100 (in two positions), B short 100,
 * C long 200, cash 10,000 → NAV 20,000, gross 20,000, leverage 1. Four daily moves of history.
 */
export const LIMITS: LimitInput[] = [
  { id: "lev", type: "MAX_LEVERAGE", threshold: 1.25, severity: "HARD" },
  { id: "conc", type: "MAX_CONCENTRATION", threshold: 0.5 },
  { id: "posB", type: "MAX_POSITION_NOTIONAL", threshold: 10_000, symbol: "B" },
  { id: "var", type: "MAX_VAR", threshold: 2_000 },
  { id: "loss", type: "MAX_DAILY_LOSS", threshold: 1_000 },
  { id: "dd", type: "MAX_DRAWDOWN", threshold: 0.1 },
];

export function smallBook(overrides: Partial<PortfolioInput> = {}): PortfolioInput {
  return {
    cash: 10_000,
    positions: [
      { instrumentId: "a", quantity: 60 },
      { instrumentId: "a", quantity: 40 },
      { instrumentId: "b", quantity: -100 },
      { instrumentId: "c", quantity: 200 },
    ],
    instruments: [
      { id: "a", symbol: "A", sector: "Technology", lastPrice: 110, previousClose: 100 },
      { id: "b", symbol: "B", sector: "Energy", lastPrice: 50, previousClose: 52 },
      { id: "c", symbol: "C", sector: "Technology", lastPrice: 20, previousClose: 20 },
    ],
    history: {
      days: ["2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09"],
      closes: new Map([
        ["a", [100, 110, 99, 99, 110]],
        ["b", [50, 50, 55, 50, 50]],
        ["c", [20, 20, 20, 20, 20]],
      ]),
      benchmark: [1000, 1010, 1000, 1000, 1020],
    },
    profile: {
      tolerance: "MODERATE",
      confidence: 0.95,
      lookbackDays: 4,
      maxDrawdownTolerance: 0.15,
    },
    limits: LIMITS,
    ...overrides,
  };
}
