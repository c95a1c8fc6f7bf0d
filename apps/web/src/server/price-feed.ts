import "server-only";
import { API_PRICE_SOURCE, simulatedPriceSource, startPriceSources } from "@repo/api";
import { getCache } from "./cache.ts";
import { serverConfig } from "./config.ts";
import { getDb } from "./db.ts";
import { processGlobal } from "./process-global.ts";

/** One seed for every instance: instances then agree on each tick's moves (see tickPrices). */
const PRICE_FEED_SEED = 20_261_120;

const log = (line: string) => console.info(`risk-dashboard: ${line}`);

const processFeed = processGlobal<() => Promise<void>>("riskDashboardPriceFeed");

/**
 * Starts this process's price sources (the simulated feed for the firms on it) unless PRICE_FEED_INTERVAL_MS is 0 or there is
 * no database; says which in one line. Other instances may run theirs: ticks never double up.
 */
export async function startServerPriceFeed() {
  const config = serverConfig();
  if (config.priceFeedIntervalMs === 0) return log("price feed: off (PRICE_FEED_INTERVAL_MS=0)");
  if (!config.databaseUrl) return log("price feed: off (no database configured)");
  // A development server may register again after a reload; the process keeps one feed.
  if (processFeed.peek()) return;
  const cache = await getCache();
  if (processFeed.peek()) return;
  // Each firm chooses its source (Tenant.priceSource); each source prices only its own firms.
  const sources = [
    simulatedPriceSource({ intervalMs: config.priceFeedIntervalMs, seed: PRICE_FEED_SEED }),
    API_PRICE_SOURCE,
  ];
  processFeed.set(
    startPriceSources(sources, {
      db: getDb(),
      cache,
      log: (line) => console.error(`risk-dashboard: ${line}`),
    }),
  );
  for (const source of sources) log(`price source ${source.description}`);
}

/** Stops this process's feed, after the tick in flight, when the server shuts down. */
export async function stopServerPriceFeed() {
  await processFeed.take()?.();
}
