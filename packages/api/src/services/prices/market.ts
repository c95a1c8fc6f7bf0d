import type { ApiCache } from "../../cache-policy.ts";
import type { TenantDb, TenantTx } from "../../data/tenant-db.ts";
import type { ReadDeps } from "../../deps.ts";
import type { VersionedRead } from "../cache/book-version.ts";
import { computeVersioned, readChecked } from "../cache/read-book.ts";
import { BENCHMARK_SYMBOL } from "../risk/load-history.ts";

/** The user id a tenant's market is cached under. */
const MARKET_USER = "market";

/** One instrument as a valuation needs it at the latest tick. */
export interface MarketQuote {
  lastPrice: number;
  /** When the last price was set, in ms since the epoch. */
  lastPriceAt: number;
  /** The version of its price bars: the key of its cached history. */
  historyVersion: number;
}

/** A tenant's instruments at the tick they were read at. */
export interface Market {
  /** By instrument id. */
  quotes: Record<string, MarketQuote>;
  /** The index books are measured against (beta), when the tenant has it. */
  benchmarkId: string | null;
}

const marketOf = (tenantId: string) => ({ tenantId, userId: MARKET_USER });

/**
 * The tenant's last prices and history versions, as every instance keeps them in memory: the
 * price feed drops each instance's copy through the cache's invalidation bus after every move
 * (invalidateMarkets), and the first poll after it reads the new prices once across instances.
 * While the bus may not reach this instance, a remembered market is checked against the tick in
 * PostgreSQL (one row) before it is used, so a missed move costs a reload, never a stale price.
 */
export function readMarket(deps: ReadDeps, tenantId: string): Promise<VersionedRead<Market>> {
  // The version of a market is the tenant's price tick.
  const subject = marketOf(tenantId);
  return readChecked(deps, "market", subject, readTick, () =>
    computeVersioned(deps.db, subject, () => loadMarket(deps.db), readTick),
  );
}

/** Drops every instance's copy of these tenants' markets: their prices moved. */
export async function invalidateMarkets(cache: ApiCache, tenantIds: readonly string[]) {
  await Promise.all(tenantIds.map((tenantId) => cache.invalidate("market", marketOf(tenantId))));
}

async function readTick(db: TenantDb | TenantTx): Promise<number> {
  const tenant = await db.tenant.findFirst({ select: { priceTick: true } });
  return tenant?.priceTick ?? 0;
}

/** Every instrument of the tenant: a few hundred rows at most, read once per tick. */
async function loadMarket(db: TenantDb): Promise<Market> {
  const instruments = await db.instrument.findMany({
    select: { id: true, symbol: true, lastPrice: true, lastPriceAt: true, historyVersion: true },
  });
  const market: Market = { quotes: {}, benchmarkId: null };
  for (const instrument of instruments) {
    market.quotes[instrument.id] = {
      lastPrice: instrument.lastPrice.toNumber(),
      lastPriceAt: instrument.lastPriceAt.getTime(),
      historyVersion: instrument.historyVersion,
    };
    if (instrument.symbol === BENCHMARK_SYMBOL) market.benchmarkId = instrument.id;
  }
  return market;
}
