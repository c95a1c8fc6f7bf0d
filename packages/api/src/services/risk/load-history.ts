import { createHash } from "node:crypto";
import type { PriceHistory } from "@repo/risk-engine";
import type { ApiCache } from "../../cache-policy.ts";
import type { TenantDb } from "../../data/tenant-db.ts";
import {
  type HistoryRef,
  type InstrumentCloses,
  readInstrumentHistory,
} from "./instrument-history.ts";

/** The symbol of the index the book's beta is measured against (seeded with the demo data). */
export const BENCHMARK_SYMBOL = "RDX";

/**
 * The last `dayCount` trading days of closes for the given instruments and the benchmark,
 * assembled from each instrument's cached history (instrument-history.ts): on a warm cache,
 * no query at all. The assembled window is
 * cached too (the `window` kind, in each instance's memory), under what it is made from: a book
 * is valued at every price tick, but what it holds and their closes change only with a write or
 * new closes, so each instance aligns a book's days once, not at every tick. Its key names every
 * instrument and history version, so it needs no invalidation.
 */
export async function loadHistory(
  deps: { db: TenantDb; cache: ApiCache },
  tenantId: string,
  instruments: readonly HistoryRef[],
  benchmark: HistoryRef | null,
  dayCount: number,
): Promise<PriceHistory> {
  const madeFrom = [benchmark, ...instruments].map(
    (ref) => ref && `${ref.id}:${ref.historyVersion}`,
  );
  const key = createHash("sha256").update(`${dayCount}|${madeFrom.join(",")}`);
  const window = { tenantId, userId: key.digest("base64url") };
  const read = await deps.cache.getOrCompute("window", window, () =>
    assembleHistory(deps, tenantId, instruments, benchmark, dayCount),
  );
  return read.value;
}

async function assembleHistory(
  deps: { db: TenantDb; cache: ApiCache },
  tenantId: string,
  instruments: readonly HistoryRef[],
  benchmark: HistoryRef | null,
  dayCount: number,
): Promise<PriceHistory> {
  const read = (instrument: HistoryRef) => readInstrumentHistory(deps, tenantId, instrument);
  const [histories, benchmarkHistory] = await Promise.all([
    Promise.all(instruments.map(read)),
    benchmark ? read(benchmark) : null,
  ]);
  const series = instruments.map((instrument, i) => ({
    id: instrument.id,
    history: histories[i] as InstrumentCloses,
  }));
  if (benchmark && benchmarkHistory) series.push({ id: benchmark.id, history: benchmarkHistory });
  const aligned = alignOnDays(series, dayCount);
  const benchmarkCloses = benchmark && aligned.closes.get(benchmark.id);
  return { ...aligned, ...(benchmarkCloses ? { benchmark: benchmarkCloses } : {}) };
}

/**
 * Puts every instrument on the same last `dayCount` days the market traded (any instrument
 * closed); a day an instrument has no close is NaN, which risk-engine counts as a gap. Each
 * history holds at least its own last `dayCount` closes, and a day among the union's last
 * `dayCount` is among each instrument's own last `dayCount`, so longer histories give the same
 * window as exactly `dayCount` closes each.
 */
function alignOnDays(
  series: readonly { id: string; history: InstrumentCloses }[],
  dayCount: number,
): { days: string[]; closes: Map<string, Float64Array> } {
  const allDays = new Set<string>();
  for (const { history } of series) {
    for (const day of history.days.slice(-dayCount)) allDays.add(day);
  }
  const days = [...allDays].sort().slice(-dayCount);
  const position = new Map(days.map((day, index) => [day, index]));
  const closes = new Map<string, Float64Array>();
  for (const { id, history } of series) {
    const aligned = new Float64Array(days.length).fill(Number.NaN);
    for (let i = Math.max(0, history.days.length - dayCount); i < history.days.length; i++) {
      const at = position.get(history.days[i] as string);
      if (at !== undefined) aligned[at] = history.closes[i] ?? Number.NaN;
    }
    closes.set(id, aligned);
  }
  return { days, closes };
}
