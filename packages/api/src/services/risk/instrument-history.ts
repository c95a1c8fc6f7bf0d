import DataLoader from "dataloader";
import type { ApiCache } from "../../cache-policy.ts";
import type { TenantDb } from "../../data/tenant-db.ts";
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

/** Loads the closes of the instruments asked for together in one query (`loadCloses`). */
export type ClosesLoader = DataLoader<string, InstrumentCloses>;

/**
 * A loader for one read of histories: the instruments of a book that are missed together (all
 * of them with the cache disabled, those not yet cached on a cold start) load in one query, not
 * one each. It keeps nothing itself: caching is the cache's.
 */
export function closesLoader(db: TenantDb, tenantId: string): ClosesLoader {
  return new DataLoader((ids) => loadCloses(db, tenantId, ids), { cache: false });
}

/**
 * An instrument's closes over the longest lookback, shared by every book that holds it and
 * cached under the instrument's history version: a cached history can never be older than the
 * version it is read for, so it needs no invalidation, and a book that is not cached costs no
 * history query while its instruments' are. The id slot of the cache key names the instrument
 * and its version (a uuid, "-v", a number: within the key's 64 characters).
 */
export function readInstrumentHistory(
  cache: ApiCache,
  loader: ClosesLoader,
  tenantId: string,
  instrument: HistoryRef,
): Promise<InstrumentCloses> {
  const key = { tenantId, userId: `${instrument.id}-v${instrument.historyVersion}` };
  return cache
    .getOrCompute("history", key, () => loader.load(instrument.id))
    .then((read) => read.value);
}

/**
 * The latest closes of each instrument, from a backward scan of the (instrumentId, day) primary
 * key per instrument, as two arrays rather than a row per close; an instrument without bars has
 * none. Raw SQL is not scoped by tenant-db, so it binds the tenant itself.
 */
async function loadCloses(
  db: TenantDb,
  tenantId: string,
  instrumentIds: readonly string[],
): Promise<InstrumentCloses[]> {
  const rows = await db.$queryRaw<{ id: string; days: string[]; closes: number[] }[]>`
    SELECT wanted.id::text AS id,
           array_agg(to_char(latest.day, 'YYYY-MM-DD') ORDER BY latest.day) AS days,
           array_agg(latest.close::float8 ORDER BY latest.day) AS closes
    FROM unnest(${[...instrumentIds]}::uuid[]) AS wanted(id)
    CROSS JOIN LATERAL (
      SELECT b.day, b.close FROM "PriceBar" b
      WHERE b."instrumentId" = wanted.id AND b."tenantId" = ${tenantId}::uuid
      ORDER BY b.day DESC LIMIT ${CACHED_CLOSES}
    ) latest
    GROUP BY wanted.id`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  return instrumentIds.map((id) => {
    const row = byId.get(id);
    return { days: row?.days ?? [], closes: row?.closes ?? [] };
  });
}
