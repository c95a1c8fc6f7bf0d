import { randomUUID } from "node:crypto";
import type { AssetClass } from "@repo/db";
import { mapBounded } from "../admin/map-bounded.ts";
import { invalidateBook } from "../cache/invalidate-book.ts";
import { invalidateMarkets } from "../prices/market.ts";
import { loadInstruments } from "./firm-lookups.ts";
import type { ImportTarget, TargetContext } from "./import-target.ts";
import type { ImportRow } from "./row-schemas.ts";

/**
 * An instrument created by an import has no price until its closes are imported: it is stored
 * with a last price of 0 (a price is otherwise always above 0) stamped at the epoch. The price
 * feed leaves such an instrument alone, a positions import refuses it ("import its closes
 * first"), a trader cannot open a position in it (open-position.ts), and the closes import gives
 * it its latest close (closes-target.ts).
 */
export const NO_PRICE = { lastPrice: "0", lastPriceAt: new Date(0) } as const;

interface InstrumentValues {
  symbol: string;
  name: string;
  sector: string;
  currency: string;
  assetClass: AssetClass;
  existing: boolean;
}

/** Cache invalidations run at once per import: a firm of hundreds of traders is not a burst. */
const INVALIDATIONS_AT_ONCE = 8;

/**
 * Instruments: each row creates the symbol or changes its name, sector, currency (and asset
 * class when the column is there). A change is seen by every book that holds the instrument
 * (its sector drives sector stress; the name shows in positions): their traders' book versions
 * are bumped in the transaction and their cached books dropped after it.
 */
export async function openInstrumentsTarget(
  context: TargetContext,
): Promise<ImportTarget<ImportRow<"instruments">, InstrumentValues>> {
  const { tx, tenantId } = context;
  const instruments = await loadInstruments(tx);
  const changedIds: string[] = [];
  let createdAny = false;
  let touchedTraders: string[] = [];

  return {
    duplicateBy: "same symbol",
    resolve(row) {
      const existing = instruments.get(row.symbol);
      return {
        // New symbols are keyed by name: an instruments file is as long as a firm's list.
        key: existing ? existing.index : row.symbol,
        value: {
          symbol: row.symbol,
          name: row.name,
          sector: row.sector,
          currency: row.currency,
          assetClass: row["asset class"] ?? existing?.assetClass ?? "EQUITY",
          existing: existing !== undefined,
        },
      };
    },

    async flush(batch, write) {
      const differing = batch.filter(({ value }) => {
        const existing = instruments.get(value.symbol);
        return (
          !existing ||
          existing.name !== value.name ||
          existing.sector !== value.sector ||
          existing.currency !== value.currency ||
          existing.assetClass !== value.assetClass
        );
      });
      let created = differing.filter(({ value }) => !value.existing).length;
      let changed = differing.length - created;
      if (write && differing.length > 0) {
        const rows = differing.map(({ value }) => value);
        const written = await tx.$queryRaw<{ id: string; inserted: boolean }[]>`
          INSERT INTO "Instrument" ("id", "tenantId", "symbol", "name", "sector", "currency",
                                    "assetClass", "lastPrice", "lastPriceAt")
          SELECT v.id, ${tenantId}::uuid, v.symbol, v.name, v.sector, v.currency,
                 v.asset::"AssetClass", ${NO_PRICE.lastPrice}::numeric, ${NO_PRICE.lastPriceAt}
          FROM unnest(${rows.map(() => randomUUID())}::uuid[], ${rows.map((r) => r.symbol)}::text[],
                      ${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.sector)}::text[],
                      ${rows.map((r) => r.currency)}::text[], ${rows.map((r) => r.assetClass)}::text[])
            AS v(id, symbol, name, sector, currency, asset)
          ON CONFLICT ("tenantId", "symbol") DO UPDATE
            SET "name" = EXCLUDED."name", "sector" = EXCLUDED."sector",
                "currency" = EXCLUDED."currency", "assetClass" = EXCLUDED."assetClass"
          WHERE ("Instrument"."name", "Instrument"."sector", "Instrument"."currency",
                 "Instrument"."assetClass")
            IS DISTINCT FROM
                (EXCLUDED."name", EXCLUDED."sector", EXCLUDED."currency", EXCLUDED."assetClass")
          RETURNING "id", (xmax = 0) AS inserted`;
        // What the statement did, not what was expected of it.
        created = written.filter((row) => row.inserted).length;
        changed = written.length - created;
        changedIds.push(...written.filter((row) => !row.inserted).map((row) => row.id));
        if (created > 0) createdAny = true;
      }
      return { created, changed, unchanged: batch.length - created - changed, errors: [] };
    },

    async finish() {
      if (changedIds.length === 0) return undefined;
      const bumped = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "User" SET "bookVersion" = "bookVersion" + 1
        WHERE "tenantId" = ${tenantId}::uuid AND "id" IN (
          SELECT DISTINCT p."traderId" FROM "Position" p
          WHERE p."tenantId" = ${tenantId}::uuid AND p."closedAt" IS NULL
            AND p."instrumentId" = ANY(${changedIds}::uuid[]))
        RETURNING "id"`;
      touchedTraders = bumped.map((row) => row.id);
      return undefined;
    },

    async invalidate(cache) {
      await mapBounded(touchedTraders, INVALIDATIONS_AT_ONCE, (userId) =>
        invalidateBook(cache, { tenantId, userId }, ["book"]),
      );
      // A new instrument is a new quote of the market (at no price until its closes come).
      if (createdAny) await invalidateMarkets(cache, [tenantId]);
    },
  };
}
