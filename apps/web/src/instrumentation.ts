/**
 * Next calls register() once when a server instance starts, before it serves requests. The
 * Node.js server starts the simulated price feed here, so the dashboard is alive,
 * and leaves the step that stops it and the connections on shutdown (server/stop.ts).
 */
export async function register() {
  // register() also runs in the Edge runtime, which has no database driver; Next drops this
  // branch, and what it imports, from the Edge bundle.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installStopHook } = await import("./server/stop.ts");
    installStopHook();
    // The cache starts with the server, not at the first request, so the instance reports its
    // figures (and shows on the cache page of every instance) from the start.
    const { getCache } = await import("./server/cache.ts");
    await getCache();
    const { startServerPriceFeed } = await import("./server/price-feed.ts");
    await startServerPriceFeed();
    const { startServerAlertDelivery } = await import("./server/alert-delivery.ts");
    startServerAlertDelivery();
  }
}
