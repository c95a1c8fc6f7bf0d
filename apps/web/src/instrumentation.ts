/**
 * Next calls register() once when a server instance starts, before it serves requests. The
 * Node.js server starts the simulated price feed here (DESIGN §7), so the dashboard is alive.
 */
export async function register() {
  // register() also runs in the Edge runtime, which has no database driver; Next drops this
  // branch, and what it imports, from the Edge bundle.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // The cache starts with the server, not at the first request, so the instance reports its
    // figures (and shows on the cache page of every instance) from the start.
    const { getCache } = await import("./server/cache.ts");
    await getCache();
    const { startServerPriceFeed } = await import("./server/price-feed.ts");
    await startServerPriceFeed();
  }
}
