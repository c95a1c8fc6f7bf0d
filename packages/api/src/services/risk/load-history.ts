import { createHash } from "node:crypto";
import { alignHistory, type PriceHistory } from "@repo/risk-engine";
import type { ReadDeps } from "../../deps.ts";
import {
  type HistoryRef,
  type InstrumentCloses,
  readInstrumentHistory,
} from "./instrument-history.ts";

/** The symbol of the index the book's beta is measured against (seeded with the demo data). */
export const BENCHMARK_SYMBOL = "RDX";

/**
 * The last `dayCount` trading days of closes for the given instruments and the benchmark,
 * assembled from each instrument's cached history (instrument-history.ts) on the benchmark's
 * calendar, a missing close carried from the last one: on a warm cache, no query at all. The assembled window is
 * cached too (the `window` kind, in each instance's memory), under what it is made from: a book
 * is valued at every price tick, but what it holds and their closes change only with a write or
 * new closes, so each instance aligns a book's days once, not at every tick. Its key names every
 * instrument and history version, so it needs no invalidation.
 */
export async function loadHistory(
  deps: ReadDeps,
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
  deps: ReadDeps,
  tenantId: string,
  instruments: readonly HistoryRef[],
  benchmark: HistoryRef | null,
  dayCount: number,
): Promise<PriceHistory> {
  const refs = benchmark ? [...instruments, benchmark] : instruments;
  const histories = await Promise.all(
    refs.map((ref) => readInstrumentHistory(deps, tenantId, ref)),
  );
  // The benchmark's days are the trading calendar; a hole in an instrument's closes takes its
  // last close (risk-engine's alignHistory, which says why).
  return alignHistory(new Map(refs.map((ref, i) => [ref.id, histories[i] as InstrumentCloses])), {
    benchmarkId: benchmark?.id ?? null,
    dayCount,
  });
}
