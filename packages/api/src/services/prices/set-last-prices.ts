import type { Db } from "@repo/db";
import type { ApiCache } from "../../cache-policy.ts";
import { AppError } from "../../errors.ts";
import { invalidateMarkets } from "./market.ts";
import { type MovedTenant, writePriceMove } from "./write-price-move.ts";

export interface LastPrice {
  instrumentId: string;
  price: number;
  /** When the price was struck; the move's `at` when omitted. */
  at?: Date;
}

/**
 * A price source's write for one tenant: the last prices of some of its instruments, stamped
 * `at`, and the tenant's price tick moved by one, in one transaction; then every instance's copy
 * of the tenant's market is dropped, so the next poll anywhere values books at these prices.
 * The simulated feed does the same for every tenant at once (price-feed.ts). Returns the tick.
 */
export async function setLastPrices(
  deps: { db: Db; cache: ApiCache },
  tenantId: string,
  prices: readonly LastPrice[],
  at: Date,
): Promise<number> {
  if (prices.some(({ price }) => !(Number.isFinite(price) && price > 0))) {
    throw new AppError("BAD_REQUEST", "A last price must be a positive number.");
  }
  const moved = await deps.db.$transaction(async (tx) => {
    const move = await writePriceMove(
      tx,
      {
        instrumentIds: prices.map((p) => p.instrumentId),
        prices: prices.map((p) => p.price.toFixed(6)),
        at: prices.map((p) => p.at ?? at),
      },
      tenantId,
    );
    // Undone with the transaction: nothing of a move that names another firm's instrument,
    // or one that does not exist, is kept.
    if (move.instruments !== prices.length || move.tenants.length !== 1) {
      throw new AppError("BAD_REQUEST", "Every price must be for one of the firm's instruments.");
    }
    return move.tenants[0] as MovedTenant;
  });
  await invalidateMarkets(deps.cache, [tenantId]);
  return moved.priceTick;
}
