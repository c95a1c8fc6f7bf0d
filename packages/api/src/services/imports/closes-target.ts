import { invalidateMarkets } from "../prices/market.ts";
import { writePriceMove } from "../prices/write-price-move.ts";
import { type FirmInstrument, hasPrice, loadInstruments } from "./firm-lookups.ts";
import type { ImportTarget, TargetContext } from "./import-target.ts";
import { dayText, type ImportRow } from "./row-schemas.ts";

interface Bar {
  instrument: FirmInstrument;
  day: number;
  close: string;
}

const DAY_MS = 86_400_000;
/** The hour (UTC) a close is stamped at when it becomes the last price: after US markets shut. */
const CLOSE_HOUR_MS = 21 * 3_600_000;
/** Days fit in 16 bits up to 2149 (the schema refuses years past 2100): a key per bar. */
const DAY_BITS = 65_536;

/**
 * Daily closes: each row creates the instrument's bar of that day or changes its close. Each
 * batch is counted against the bars (the preview's counts, and a refused apply's) and, for an
 * apply, staged in a temporary table of the transaction; once every row is valid they go in
 * with one `INSERT … ON CONFLICT … DO UPDATE … WHERE … IS DISTINCT FROM`, whose returned rows
 * are the counts the apply reports (an equal close is not touched, so the same file twice
 * changes nothing). The database trigger bumps each touched
 * instrument's history version, which keys its cached history, and the tenant's price tick in
 * the same statement (migration tenant_price_tick), so every valuation and every instance's
 * copy of the market (which carries the history versions) is superseded. An instrument's latest imported
 * close becomes its last price when that day is newer than its last price's (or it has none).
 */
export async function openClosesTarget(
  context: TargetContext,
): Promise<ImportTarget<ImportRow<"closes">, Bar>> {
  const { tx, tenantId, now } = context;
  const instruments = await loadInstruments(tx);
  const latest = new Map<string, { instrument: FirmInstrument; day: number; close: string }>();
  let staged = false;
  let marketMoved = false;

  /**
   * The staged rows into PriceBar in one statement, in key order. One statement, not one per
   * batch: the trigger then bumps each instrument's history version once; a batch per statement
   * would update the same instrument rows hundreds of times in one transaction, each a new row
   * version that every later lookup of them walks (a 3-year file took 20 times as long).
   */
  async function mergeStaged() {
    const [counts] = await tx.$queryRaw<{ created: number; changed: number }[]>`
      WITH written AS (
        INSERT INTO "PriceBar" ("instrumentId", "day", "tenantId", "close")
        SELECT s.id, s.day, ${tenantId}::uuid, s.close FROM "import_closes" s
        ORDER BY s.id, s.day
        ON CONFLICT ("instrumentId", "day") DO UPDATE SET "close" = EXCLUDED."close"
        WHERE "PriceBar"."close" IS DISTINCT FROM EXCLUDED."close"
        RETURNING (xmax = 0) AS inserted
      )
      SELECT count(*) FILTER (WHERE inserted)::int AS created,
             count(*) FILTER (WHERE NOT inserted)::int AS changed
      FROM written`;
    return { created: counts?.created ?? 0, changed: counts?.changed ?? 0 };
  }

  return {
    duplicateBy: "same symbol and date",
    resolve(row) {
      const instrument = instruments.get(row.symbol);
      if (!instrument) {
        return {
          errors: [
            {
              column: "symbol",
              message: `There is no instrument ${row.symbol} in this firm: import it with the instruments file first.`,
            },
          ],
        };
      }
      return {
        key: instrument.index * DAY_BITS + row.date,
        value: { instrument, day: row.date, close: row.close },
      };
    },

    async flush(batch, write) {
      for (const { value } of batch) {
        const seen = latest.get(value.instrument.id);
        if (!seen || value.day > seen.day) latest.set(value.instrument.id, value);
      }
      const ids = batch.map(({ value }) => value.instrument.id);
      const days = batch.map(({ value }) => dayText(value.day));
      const closes = batch.map(({ value }) => value.close);
      // One probe of the primary key per row, whatever the table's statistics say: after a
      // large import, before autovacuum analyzes it, the planner still believes the table
      // small and joined by hashing every bar of the firm once per batch (50 s instead of 5
      // for 390,000 rows). LIMIT 1 keeps the subquery from being flattened into that join.
      const [counts] = await tx.$queryRaw<{ created: number; changed: number }[]>`
        SELECT count(*) FILTER (WHERE b.close IS NULL)::int AS created,
               count(*) FILTER (WHERE b.close IS DISTINCT FROM v.close AND b.close IS NOT NULL)::int
                 AS changed
        FROM unnest(${ids}::uuid[], ${days}::date[], ${closes}::numeric[]) AS v(id, day, close)
        LEFT JOIN LATERAL (
          SELECT p.close FROM "PriceBar" p
          WHERE p."instrumentId" = v.id AND p.day = v.day AND p."tenantId" = ${tenantId}::uuid
          LIMIT 1
        ) b ON true`;
      if (write) {
        if (!staged) {
          await tx.$executeRaw`
            CREATE TEMP TABLE "import_closes" ("id" uuid NOT NULL, "day" date NOT NULL,
              "close" numeric NOT NULL) ON COMMIT DROP`;
          staged = true;
        }
        await tx.$executeRaw`
          INSERT INTO "import_closes" ("id", "day", "close")
          SELECT * FROM unnest(${ids}::uuid[], ${days}::date[], ${closes}::numeric[])`;
      }
      const created = counts?.created ?? 0;
      const changed = counts?.changed ?? 0;
      return { created, changed, unchanged: batch.length - created - changed, errors: [] };
    },

    async finish() {
      const written = staged ? await mergeStaged() : { created: 0, changed: 0 };
      const barsWritten = written.created + written.changed > 0;
      // Grouped by the time they are stamped at: one price move per group, as the feed writes.
      const moves = new Map<number, { ids: string[]; prices: string[] }>();
      for (const { instrument, day, close } of latest.values()) {
        const lastDay = Math.floor(instrument.lastPriceAt.getTime() / DAY_MS);
        if (hasPrice(instrument) && day <= lastDay) continue;
        // Never stamped in the future: the feed would take it for a move it just made.
        const at = Math.min(day * DAY_MS + CLOSE_HOUR_MS, now.getTime());
        const move = moves.get(at) ?? { ids: [], prices: [] };
        move.ids.push(instrument.id);
        move.prices.push(close);
        moves.set(at, move);
      }
      for (const [at, move] of moves) {
        await writePriceMove(
          tx,
          { instrumentIds: move.ids, prices: move.prices, at: new Date(at) },
          tenantId,
        );
        marketMoved = true;
      }
      // The bars' trigger moved the tenant's price tick with their history versions: every
      // valuation, and every instance's copy of the market (which carries the versions), is
      // superseded.
      if (barsWritten) marketMoved = true;
      return written;
    },

    async invalidate(cache) {
      if (marketMoved) await invalidateMarkets(cache, [tenantId]);
    },
  };
}
