import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { LimitInput, PortfolioInput } from "../src/index.ts";

const SECTORS = ["Technology", "Financials", "Healthcare", "Energy", "Consumer", "Industrials"];

/** A seeded book of `positions` holdings with `days` daily closes each, as typed arrays. */
export function syntheticBook(positions: number, days: number, seed = 42): PortfolioInput {
  const rng = xoroshiro128plus(seed);
  const uniform = () => uniformFloat64(rng);
  const dayLabels = Array.from({ length: days }, (_, i) => `day-${i}`);
  const closes = new Map<string, Float64Array>();
  const instruments = [];
  const holdings = [];
  for (let i = 0; i < positions; i++) {
    const id = `i${i}`;
    const series = new Float64Array(days);
    let price = 20 + 200 * uniform();
    for (let t = 0; t < days; t++) {
      price *= 1 + (uniform() - 0.5) * 0.04;
      series[t] = price;
    }
    closes.set(id, series);
    instruments.push({
      id,
      symbol: `S${i}`,
      sector: SECTORS[i % SECTORS.length] as string,
      lastPrice: price,
      previousClose: series[days - 2] as number,
    });
    holdings.push({ instrumentId: id, quantity: Math.round((uniform() - 0.3) * 1_000) || 1 });
  }
  const benchmark = new Float64Array(days);
  for (let t = 0, level = 1_000; t < days; t++) {
    level *= 1 + (uniform() - 0.5) * 0.02;
    benchmark[t] = level;
  }
  const limits: LimitInput[] = [
    { id: "gross", type: "MAX_GROSS_EXPOSURE", threshold: 1e9 },
    { id: "net", type: "MAX_NET_EXPOSURE", threshold: 1e9 },
    { id: "lev", type: "MAX_LEVERAGE", threshold: 3 },
    { id: "pos", type: "MAX_POSITION_NOTIONAL", threshold: 1e7 },
    { id: "conc", type: "MAX_CONCENTRATION", threshold: 0.3 },
    { id: "var", type: "MAX_VAR", threshold: 1e6 },
    { id: "dd", type: "MAX_DRAWDOWN", threshold: 0.2 },
    { id: "loss", type: "MAX_DAILY_LOSS", threshold: 1e6 },
  ];
  return {
    cash: 1e6,
    positions: holdings,
    instruments,
    history: { days: dayLabels, closes, benchmark },
    profile: {
      tolerance: "MODERATE",
      confidence: 0.99,
      lookbackDays: days - 1,
      maxDrawdownTolerance: 0.2,
    },
    limits,
  };
}

/**
 * The floor any implementation pays: one multiply-add per holding-day over the same typed
 * arrays, nothing else. The engine's time is reported as a multiple of this.
 */
export function pnlFloor(book: PortfolioInput): Float64Array {
  const days = book.history.days.length;
  const pnl = new Float64Array(days - 1);
  const prices = new Map(book.instruments.map((i) => [i.id, i.lastPrice]));
  for (const position of book.positions) {
    const closes = book.history.closes.get(position.instrumentId) as Float64Array;
    const notional = position.quantity * (prices.get(position.instrumentId) as number);
    for (let t = 1; t < days; t++) {
      pnl[t - 1] =
        (pnl[t - 1] as number) + notional * ((closes[t] as number) / (closes[t - 1] as number) - 1);
    }
  }
  return pnl;
}
