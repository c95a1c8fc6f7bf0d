import type { PriceHistory } from "@repo/risk-engine";
import type { TenantDb } from "../../data/tenant-db.ts";

interface HistoryRow {
  instrumentId: string;
  symbol: string;
  days: string[];
  closes: (number | null)[];
}

/** The symbol of the index the book's beta is measured against (seeded with the demo data). */
export const BENCHMARK_SYMBOL = "RDX";

/**
 * The last `dayCount` trading days of closes for the given instruments and the benchmark, in
 * one round trip: PostgreSQL aligns every instrument on the same days (a missing close becomes
 * null, then NaN) and hands back one array per instrument instead of a row per close.
 * Raw SQL is not scoped by tenant-db, so it binds the tenant itself.
 */
export async function loadHistory(
  db: TenantDb,
  tenantId: string,
  instrumentIds: readonly string[],
  dayCount: number,
): Promise<PriceHistory> {
  const rows = await db.$queryRaw<HistoryRow[]>`
    WITH wanted AS (
      SELECT i.id, i.symbol FROM "Instrument" i
      WHERE i."tenantId" = ${tenantId}::uuid
        AND (i.id = ANY(${instrumentIds}::uuid[]) OR i.symbol = ${BENCHMARK_SYMBOL})
    ), days AS (
      SELECT DISTINCT b.day FROM "PriceBar" b
      WHERE b."tenantId" = ${tenantId}::uuid AND b."instrumentId" IN (SELECT id FROM wanted)
      ORDER BY b.day DESC LIMIT ${dayCount}
    )
    SELECT w.id AS "instrumentId", w.symbol,
           array_agg(to_char(d.day, 'YYYY-MM-DD') ORDER BY d.day) AS days,
           array_agg(b.close::float8 ORDER BY d.day) AS closes
    FROM wanted w CROSS JOIN days d
    LEFT JOIN "PriceBar" b ON b."tenantId" = ${tenantId}::uuid AND b."instrumentId" = w.id AND b.day = d.day
    GROUP BY w.id, w.symbol`;
  const closes = new Map<string, Float64Array>();
  for (const row of rows) {
    closes.set(
      row.instrumentId,
      Float64Array.from(row.closes, (close) => close ?? Number.NaN),
    );
  }
  const benchmark = rows.find((row) => row.symbol === BENCHMARK_SYMBOL);
  const benchmarkCloses = benchmark && closes.get(benchmark.instrumentId);
  return {
    days: rows[0]?.days ?? [],
    closes,
    ...(benchmarkCloses ? { benchmark: benchmarkCloses } : {}),
  };
}
