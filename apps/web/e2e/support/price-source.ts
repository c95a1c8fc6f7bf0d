import { API_CACHE_POLICY, setLastPrices } from "@repo/api";
import { createDb } from "@repo/db";
import { parseRedisConfig, RiskCache } from "@repo/risk-cache";
import { currentRun } from "./run.ts";

/**
 * A price source beside the app, on the run's database and Redis, as a second instance's feed
 * would be: each move sets a tenant's last prices, moves its price tick, and drops every
 * instance's copy of its market through the cache's invalidation bus.
 */
export async function priceSource() {
  const run = currentRun();
  const db = createDb({ databaseUrl: run.databaseUrl, poolSize: 2 });
  const cache = await RiskCache.create({
    ...API_CACHE_POLICY,
    redis: parseRedisConfig(run.redisUrl),
    prefix: run.label,
  });
  return {
    /** Multiplies every last price of the tenant by `factor`; returns the tenant's new tick. */
    async move(tenantSlug: string, factor: number): Promise<number> {
      const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: tenantSlug } });
      const instruments = await db.instrument.findMany({
        where: { tenantId: tenant.id },
        select: { id: true, lastPrice: true },
      });
      const prices = instruments.map((instrument) => ({
        instrumentId: instrument.id,
        price: instrument.lastPrice.toNumber() * factor,
      }));
      return setLastPrices({ db, cache }, tenant.id, prices, new Date());
    },
    async close() {
      await cache.close();
      await db.$disconnect();
    },
  };
}
