import "server-only";
import { stopServerAlertDelivery } from "./alert-delivery.ts";
import { closeCache } from "./cache.ts";
import { closeDb } from "./db.ts";
import { stopServerPriceFeed } from "./price-feed.ts";
import { setStopHook } from "./stop-hook.ts";

/**
 * Leaves the app's stop step for scripts/server.ts: the feed and the alert delivery worker first
 * (they write through the pool), then the cache, then the pool.
 */
export function installStopHook() {
  setStopHook(async () => {
    await stopServerPriceFeed();
    await stopServerAlertDelivery();
    await closeCache();
    await closeDb();
  });
}
