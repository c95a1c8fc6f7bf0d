import { RiskInputError } from "../errors.ts";
import type { CarriedCloses, PriceHistory } from "./types.ts";

/** One instrument's daily closes as stored: days (YYYY-MM-DD) ascending, a close for each. */
export interface DailyCloses {
  days: readonly string[];
  closes: readonly number[];
}

/** Trading days a last close is carried over before the instrument is flagged stale. */
export const DEFAULT_MAX_CARRY_DAYS = 5;

const isPrice = (value: number) => value > 0 && Number.isFinite(value);

/**
 * Puts every instrument on one trading calendar over its last `dayCount` days. The calendar is
 * the benchmark's days when there is a benchmark (a stray bar on a day the market was shut is
 * not a trading day), else every day any instrument closed. A day without a usable close of
 * its own takes the instrument's last close before it, so a move across a hole in the data
 * lands whole on the day prices resume instead of being dropped: the history never shows fewer
 * losses than the data does. Runs of more than `maxCarryDays` carried days are carried all the
 * same and reported (`carried[id].longestRun`), for the caller to flag the instrument as
 * stale. Days before an instrument's first close stay NaN (no move; a short history).
 */
export function alignHistory(
  series: ReadonlyMap<string, DailyCloses>,
  options: { benchmarkId?: string | null; dayCount: number; maxCarryDays?: number },
): PriceHistory {
  const { benchmarkId = null, dayCount, maxCarryDays = DEFAULT_MAX_CARRY_DAYS } = options;
  if (!(Number.isInteger(dayCount) && dayCount >= 1)) {
    throw new RiskInputError(
      "INVALID_OPTION",
      `dayCount must be a whole number ≥ 1, got ${dayCount}`,
    );
  }
  const days = calendarOf(series, benchmarkId, dayCount);
  const closes = new Map<string, Float64Array>();
  const carried = new Map<string, CarriedCloses>();
  for (const [id, history] of series) {
    const aligned = carryOnto(days, history);
    closes.set(id, aligned.closes);
    if (aligned.carried.days > 0) carried.set(id, aligned.carried);
  }
  const benchmark = benchmarkId ? closes.get(benchmarkId) : undefined;
  return { days, closes, carried, maxCarryDays, ...(benchmark ? { benchmark } : {}) };
}

function calendarOf(
  series: ReadonlyMap<string, DailyCloses>,
  benchmarkId: string | null,
  dayCount: number,
): string[] {
  const benchmark = benchmarkId ? series.get(benchmarkId) : undefined;
  if (benchmark && benchmark.days.length > 0) return benchmark.days.slice(-dayCount);
  const every = new Set<string>();
  for (const { days } of series.values()) {
    for (const day of days.slice(-dayCount)) every.add(day);
  }
  return [...every].sort().slice(-dayCount);
}

/** One instrument's closes on the calendar, carried over the days it has none. */
function carryOnto(days: readonly string[], { days: own, closes: ownCloses }: DailyCloses) {
  const closes = new Float64Array(days.length).fill(Number.NaN);
  const carried: CarriedCloses = { days: 0, longestRun: 0 };
  let next = 0;
  let last = Number.NaN;
  let run = 0;
  days.forEach((day, t) => {
    let closedToday = false;
    // Every close up to this day, a stray one on a non-trading day included, moves `last`.
    while (next < own.length && (own[next] as string) <= day) {
      const close = ownCloses[next] as number;
      if (isPrice(close)) {
        last = close;
        closedToday = own[next] === day;
      }
      next++;
    }
    closes[t] = last;
    if (closedToday || Number.isNaN(last)) {
      run = 0;
      return;
    }
    run++;
    carried.days++;
    carried.longestRun = Math.max(carried.longestRun, run);
  });
  return { closes, carried };
}
