import "server-only";
import { closeCache } from "./cache.ts";
import { closeDb } from "./db.ts";
import { stopServerPriceFeed } from "./price-feed.ts";
import { setStopHook } from "./stop-hook.ts";

/**
 * Leaves the app's stop step for scripts/server.ts: the feed first (it writes through the pool
 * and the cache), then the cache, then the pool.
 */
export function installStopHook() {
  setStopHook(async () => {
    await stopServerPriceFeed();
    await closeCache();
    await closeDb();
  });
}
