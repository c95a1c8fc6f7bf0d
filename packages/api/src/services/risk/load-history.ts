import type { PriceHistory } from "@repo/risk-engine";
import type { TenantDb } from "../../data/tenant-db.ts";

interface HistoryRow {
  instrumentId: string;
  symbol: string;
  days: string[] | null;
  closes: number[] | null;
}

/** The symbol of the index the book's beta is measured against (seeded with the demo data). */
export const BENCHMARK_SYMBOL = "RDX";

/**
 * The last `dayCount` trading days of closes for the given instruments and the benchmark, in
 * one round trip: each instrument's latest closes come from a backward scan of the
 * (instrumentId, day) primary key, as one array per instrument rather than a row per close.
 * Raw SQL is not scoped by tenant-db, so it binds the tenant itself.
 */
export async function loadHistory(
  db: TenantDb,
  tenantId: string,
  instrumentIds: readonly string[],
  dayCount: number,
): Promise<PriceHistory> {
  const rows = await db.$queryRaw<HistoryRow[]>`
    WITH wanted AS MATERIALIZED (
      SELECT i.id, i.symbol FROM "Instrument" i
      WHERE i."tenantId" = ${tenantId}::uuid
        AND (i.id = ANY(${instrumentIds}::uuid[]) OR i.symbol = ${BENCHMARK_SYMBOL})
    )
    SELECT w.id AS "instrumentId", w.symbol, h.days, h.closes
    FROM wanted w CROSS JOIN LATERAL (
      SELECT array_agg(to_char(latest.day, 'YYYY-MM-DD') ORDER BY latest.day) AS days,
             array_agg(latest.close::float8 ORDER BY latest.day) AS closes
      FROM (
        SELECT b.day, b.close FROM "PriceBar" b
        WHERE b."instrumentId" = w.id AND b."tenantId" = ${tenantId}::uuid
        ORDER BY b.day DESC LIMIT ${dayCount}
      ) latest
    ) h`;
  return alignOnDays(rows, dayCount);
}

/**
 * Puts every instrument on the same last `dayCount` days the market traded (any instrument
 * closed); a day an instrument has no close is NaN, which risk-engine counts as a gap.
 */
function alignOnDays(rows: readonly HistoryRow[], dayCount: number): PriceHistory {
  const allDays = new Set<string>();
  for (const row of rows) for (const day of row.days ?? []) allDays.add(day);
  const days = [...allDays].sort().slice(-dayCount);
  const position = new Map(days.map((day, index) => [day, index]));
  const closes = new Map<string, Float64Array>();
  for (const row of rows) {
    const aligned = new Float64Array(days.length).fill(Number.NaN);
    row.days?.forEach((day, i) => {
      const at = position.get(day);
      if (at !== undefined) aligned[at] = row.closes?.[i] ?? Number.NaN;
    });
    closes.set(row.instrumentId, aligned);
  }
  const benchmark = rows.find((row) => row.symbol === BENCHMARK_SYMBOL);
  const benchmarkCloses = benchmark && closes.get(benchmark.instrumentId);
  return { days, closes, ...(benchmarkCloses ? { benchmark: benchmarkCloses } : {}) };
}
