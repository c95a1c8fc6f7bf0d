import type { Db } from "@repo/db";
import type { ApiCache } from "../../cache-policy.ts";
import { AppError } from "../../errors.ts";
import { invalidateMarkets } from "./market.ts";

export interface LastPrice {
  instrumentId: string;
  price: number;
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
  const [, tenant] = await deps.db.$transaction([
    deps.db.$executeRaw`
      UPDATE "Instrument" AS i SET "lastPrice" = moved.price, "lastPriceAt" = ${at}
      FROM unnest(${prices.map((p) => p.instrumentId)}::uuid[],
                  ${prices.map((p) => p.price.toFixed(6))}::numeric[]) AS moved(id, price)
      WHERE i.id = moved.id AND i."tenantId" = ${tenantId}::uuid`,
    deps.db.tenant.update({
      where: { id: tenantId },
      data: { priceTick: { increment: 1 } },
      select: { priceTick: true },
    }),
  ]);
  await invalidateMarkets(deps.cache, [tenantId]);
  return tenant.priceTick;
}
