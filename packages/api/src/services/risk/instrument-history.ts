import type { TenantDb } from "../../data/tenant-db.ts";
import type { ReadDeps } from "../../deps.ts";
import { MAX_LOOKBACK_DAYS } from "../../validators/index.ts";

/** An instrument and the version of its price bars (bumped by a trigger on every change). */
export interface HistoryRef {
  id: string;
  historyVersion: number;
}

/** One instrument's latest daily closes, oldest first. */
export interface InstrumentCloses {
  days: string[];
  closes: number[];
}

/** Every lookback a profile may choose reads within these closes (returns need one more). */
export const CACHED_CLOSES = MAX_LOOKBACK_DAYS + 1;

/**
 * An instrument's closes over the longest lookback, shared by every book that holds it and
 * cached under the instrument's history version: a cached history can never be older than the
 * version it is read for, so it needs no invalidation, and a book that is not cached costs no
 * history query while its instruments' are. The id slot of the cache key names the instrument
 * and its version (a uuid, "-v", a number: within the key's 64 characters).
 */
export function readInstrumentHistory(
  deps: ReadDeps,
  tenantId: string,
  instrument: HistoryRef,
): Promise<InstrumentCloses> {
  const key = { tenantId, userId: `${instrument.id}-v${instrument.historyVersion}` };
  return deps.cache
    .getOrCompute("history", key, () => loadCloses(deps.db, tenantId, instrument.id))
    .then((read) => read.value);
}

/**
 * The latest closes of one instrument, from a backward scan of the (instrumentId, day) primary
 * key, as two arrays rather than a row per close. Raw SQL is not scoped by tenant-db, so it
 * binds the tenant itself.
 */
async function loadCloses(
  db: TenantDb,
  tenantId: string,
  instrumentId: string,
): Promise<InstrumentCloses> {
  const [row] = await db.$queryRaw<{ days: string[] | null; closes: number[] | null }[]>`
    SELECT array_agg(to_char(latest.day, 'YYYY-MM-DD') ORDER BY latest.day) AS days,
           array_agg(latest.close::float8 ORDER BY latest.day) AS closes
    FROM (
      SELECT b.day, b.close FROM "PriceBar" b
      WHERE b."instrumentId" = ${instrumentId}::uuid AND b."tenantId" = ${tenantId}::uuid
      ORDER BY b.day DESC LIMIT ${CACHED_CLOSES}
    ) latest`;
  return { days: row?.days ?? [], closes: row?.closes ?? [] };
}
