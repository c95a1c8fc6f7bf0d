import type { Db } from "@repo/db";

/** All a move needs of a transaction: raw SQL (a tenant-scoped one serves too, as an import's). */
type Tx = Pick<Parameters<Parameters<Db["$transaction"]>[0]>[0], "$queryRaw">;

/** A tenant whose prices a move touched, and its price tick after the move. */
export interface MovedTenant {
  id: string;
  priceTick: number;
}

/**
 * One move of last prices, in one statement: the given instruments' prices (exact decimals, as
 * text), stamped `at`, and the price tick of every tenant whose instruments moved, up by one.
 * Every writer of prices goes through here (the simulated feed, a firm's own source), so a
 * valuation cached under a tick can never outlive a price. `tenantId` keeps a firm's source to
 * its own instruments. Returns the instruments moved and the tenants' new ticks.
 */
export async function writePriceMove(
  tx: Tx,
  move: {
    instrumentIds: readonly string[];
    prices: readonly string[];
    /** One time for every price, or one per price (a firm's source stamps each of its own). */
    at: Date | readonly Date[];
  },
  tenantId: string | null = null,
): Promise<{ instruments: number; tenants: MovedTenant[] }> {
  const ats = (Array.isArray(move.at) ? move.at : move.instrumentIds.map(() => move.at)).map(
    // ISO text read as timestamp: the UTC wall time, as Prisma stores a DateTime.
    (at: Date) => at.toISOString(),
  );
  const [result] = await tx.$queryRaw<{ instruments: number; tenants: MovedTenant[] | null }[]>`
    WITH moved AS (
      UPDATE "Instrument" AS i SET "lastPrice" = m.price, "lastPriceAt" = m.at
      FROM unnest(${move.instrumentIds}::uuid[], ${move.prices}::numeric[],
                  ${ats}::timestamp[]) AS m(id, price, at)
      WHERE i.id = m.id AND (${tenantId}::uuid IS NULL OR i."tenantId" = ${tenantId}::uuid)
      RETURNING i."tenantId"
    ), ticked AS (
      UPDATE "Tenant" AS t SET "priceTick" = t."priceTick" + 1
      WHERE t.id IN (SELECT "tenantId" FROM moved)
      RETURNING t.id, t."priceTick"
    )
    SELECT (SELECT count(*)::int FROM moved) AS instruments,
           (SELECT json_agg(json_build_object('id', id, 'priceTick', "priceTick")) FROM ticked)
             AS tenants`;
  return { instruments: result?.instruments ?? 0, tenants: result?.tenants ?? [] };
}
