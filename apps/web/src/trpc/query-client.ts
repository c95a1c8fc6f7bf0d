import { defaultShouldDehydrateQuery, QueryCache, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";
import { shareEqualData } from "./share-equal-data.ts";

/** How often the dashboard asks for fresh numbers (docs/architecture.md, "The flow of a poll"). */
export const POLL_INTERVAL_MS = 5_000;

/**
 * One factory for the browser's client and each server render's: the server prefetches, then
 * hands its cache to the browser through superjson so Dates, NaN and Infinity arrive intact.
 */
export function makeQueryClient(onError?: (error: unknown) => void): QueryClient {
  return new QueryClient({
    ...(onError ? { queryCache: new QueryCache({ onError }) } : {}),
    defaultOptions: {
      queries: {
        // Hydrated data is fresh for a poll interval: no refetch right after the first paint.
        staleTime: POLL_INTERVAL_MS - 500,
        retry: false,
        refetchOnWindowFocus: false,
        // Unchanged slices of a poll keep their identity, so memoised sections skip rendering.
        structuralSharing: shareEqualData,
      },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
