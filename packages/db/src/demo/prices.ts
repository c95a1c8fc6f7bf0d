import type { InstrumentSpec } from "./catalog.ts";
import type { Random } from "./random.ts";

const DAY_MS = 86_400_000;

/** The last `count` weekdays up to and including `endDay` (YYYY-MM-DD), oldest first. */
export function tradingDays(endDay: string, count: number): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${endDay}T00:00:00Z`); days.length < count; t -= DAY_MS) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days.reverse();
}

const MARKET_DRIFT = 0.0003;
const MARKET_VOL = 0.01;
const SECTOR_VOL = 0.007;

/**
 * Daily closes from a one-factor market model with sector factors: an instrument's log return is
 * beta × market + its sector's return + its own noise, so names in a sector move together and
 * everything moves with the index. The index itself is the market factor compounded.
 */
export function simulateCloses(
  instruments: readonly InstrumentSpec[],
  benchmark: InstrumentSpec,
  dayCount: number,
  random: Random,
): Map<string, number[]> {
  const closes = new Map<string, number[]>();
  for (const spec of [benchmark, ...instruments]) closes.set(spec.symbol, [spec.startPrice]);
  const sectors = [...new Set(instruments.map((spec) => spec.sector))];

  for (let day = 1; day < dayCount; day++) {
    const market = MARKET_DRIFT + MARKET_VOL * random.normal();
    const sectorMove = new Map(sectors.map((sector) => [sector, SECTOR_VOL * random.normal()]));
    appendClose(closes, benchmark.symbol, market);
    for (const spec of instruments) {
      const own = spec.idiosyncraticVol * random.normal();
      appendClose(
        closes,
        spec.symbol,
        spec.beta * market + (sectorMove.get(spec.sector) ?? 0) + own,
      );
    }
  }
  return closes;
}

function appendClose(closes: Map<string, number[]>, symbol: string, logReturn: number) {
  const series = closes.get(symbol);
  const previous = series?.at(-1);
  if (!series || previous === undefined) throw new Error(`no series for ${symbol}`);
  series.push(round(previous * Math.exp(logReturn), 4));
}

export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
