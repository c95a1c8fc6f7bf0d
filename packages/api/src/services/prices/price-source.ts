import type { Db, PriceSource as PriceSourceKind } from "@repo/db";
import type { ApiCache } from "../../cache-policy.ts";
import { type Clock, systemClock } from "../../clock.ts";
import { startPriceFeed } from "./price-feed.ts";

/** What a price source is given by the server that starts it. */
export interface PriceSourceContext {
  db: Db;
  /** Every instance's copy of a moved firm's market is dropped through it after each move. */
  cache: ApiCache;
  clock?: Clock;
  /** Where a source reports its failures (one line each). */
  log: (line: string) => void;
}

/**
 * Where the intraday last prices of the firms that chose it come from (Tenant.priceSource).
 * Every source writes through setLastPrices or writePriceMove, which move the prices and the
 * firm's price tick in one transaction, and then drops the firm's market on every instance: a
 * valuation is keyed by the tick, so no source can leave a stale one behind.
 * docs/price-sources.md says how to add one.
 */
export interface PriceSource {
  /** The Tenant.priceSource value of the firms it prices. */
  readonly kind: PriceSourceKind;
  /** What it does, for the server's start log ("price source simulated: …"). */
  readonly description: string;
  /**
   * Starts moving the prices of the firms on this source, if the source pulls or makes them
   * itself; a source whose prices are pushed to the app (the token API) has nothing to start.
   * The returned stop() waits for a move in flight.
   */
  start(context: PriceSourceContext): () => Promise<void>;
}

/**
 * The embedded default: a random walk every `intervalMs` for every firm on SIMULATED
 * (price-feed.ts). Every instance runs it with the same seed; ticks never double up.
 */
export function simulatedPriceSource(options: { intervalMs: number; seed: number }): PriceSource {
  return {
    kind: "SIMULATED",
    description: `simulated: moving last prices every ${options.intervalMs} ms`,
    start: ({ db, cache, clock = systemClock, log }) =>
      startPriceFeed({ db, cache, clock, log, ...options }),
  };
}

/**
 * A firm's own system posts its prices to POST /api/v1/prices with a token of scope PRICES
 * (postPrices, post-prices.ts): nothing runs in the server for it.
 */
export const API_PRICE_SOURCE: PriceSource = {
  kind: "API",
  description: "API: firms on it post their own prices to /api/v1/prices",
  start: () => async () => {},
};

/** Starts every source; the returned stop() stops them all, each after its move in flight. */
export function startPriceSources(
  sources: readonly PriceSource[],
  context: PriceSourceContext,
): () => Promise<void> {
  const stops = sources.map((source) => source.start(context));
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
