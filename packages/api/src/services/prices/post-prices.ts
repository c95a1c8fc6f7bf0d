import type { Db } from "@repo/db";
import { z } from "zod";
import type { ApiCache } from "../../cache-policy.ts";
import type { Clock } from "../../clock.ts";
import { tenantDb } from "../../data/tenant-db.ts";
import { AppError, InvalidRowsError, type RowError } from "../../errors.ts";
import { ZSymbol } from "../../validators/index.ts";
import { readPriceSource } from "./price-source-setting.ts";
import { setLastPrices } from "./set-last-prices.ts";

/** A price struck this far ahead of the server's clock is refused: a clock is wrong somewhere. */
const MAX_FUTURE_SKEW_MS = 60_000;

/** One row of POST /api/v1/prices. */
const ZPriceRow = z.object({
  symbol: z.string({ error: "Enter the instrument's symbol." }).pipe(ZSymbol),
  price: z
    .number({ error: "Enter the price as a number." })
    .finite("Enter a finite price.")
    .positive("Must be a positive number.")
    .max(1e12, "Must be at most 1,000,000,000,000."),
  at: z.iso
    .datetime({ offset: true, error: "Enter a time in ISO 8601, such as 2026-12-06T14:30:00Z." })
    .optional(),
});

export const SWITCH_TO_API =
  "This firm's prices come from the simulated feed: an admin can switch the price source to the API on the API tokens page (/admin/tokens), then post again.";

/**
 * A firm's intraday last prices from its own system (POST /api/v1/prices), for a firm whose
 * price source is API; a firm on the simulated feed is refused (CONFLICT) with how to switch.
 * Every row is checked first (a symbol of this firm, a positive finite price, a time not in the
 * future, a symbol once): one bad row refuses the batch with every row's error and nothing is
 * written. Then setLastPrices moves them in one transaction and drops every instance's market.
 */
export async function postPrices(
  deps: { db: Db; cache: ApiCache; clock: Clock },
  tenantId: string,
  rows: readonly unknown[],
): Promise<{ changed: number; priceTick: number }> {
  const db = tenantDb(deps.db, tenantId);
  if ((await readPriceSource(db)) !== "API") throw new AppError("CONFLICT", SWITCH_TO_API);
  const now = deps.clock();
  const instruments = await db.instrument.findMany({ select: { id: true, symbol: true } });
  const idOf = new Map(instruments.map((instrument) => [instrument.symbol, instrument.id]));
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const prices = rows.flatMap((row, index) => {
    const parsed = ZPriceRow.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push({ index, field: String(issue.path[0] ?? "row"), message: issue.message });
      }
      return [];
    }
    const { symbol, price, at } = parsed.data;
    const instrumentId = idOf.get(symbol);
    const rowErrors: RowError[] = [];
    if (!instrumentId) {
      rowErrors.push({
        index,
        field: "symbol",
        message: "The firm has no instrument of this symbol.",
      });
    }
    const first = seen.get(symbol);
    if (first !== undefined) {
      rowErrors.push({
        index,
        field: "symbol",
        message: `This symbol is priced already at row ${first} of this request: send one price per symbol.`,
      });
    } else seen.set(symbol, index);
    const struck = at ? new Date(at) : undefined;
    if (struck && struck.getTime() > now.getTime() + MAX_FUTURE_SKEW_MS) {
      rowErrors.push({ index, field: "at", message: "Must not be in the future." });
    }
    errors.push(...rowErrors);
    return instrumentId && rowErrors.length === 0 ? [{ instrumentId, price, at: struck }] : [];
  });
  if (errors.length > 0) throw new InvalidRowsError(errors);
  const priceTick = await setLastPrices(deps, tenantId, prices, now);
  return { changed: prices.length, priceTick };
}
