import "server-only";
import { appRouter, createCaller, createInnerContext } from "@repo/api";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { cache, type ReactNode } from "react";
import { alertHistoryInput, nextPageOf } from "~/components/dashboard/dashboard-input.ts";
import { getApiDeps } from "~/server/api-deps.ts";
import { currentViewer } from "~/server/viewer.ts";
import { makeQueryClient } from "./query-client.ts";

/** One query client per server render, shared by every prefetch of that render. */
export const getQueryClient = cache(makeQueryClient);

/** The API's context for one server render, with the viewer from the request's cookie. */
const renderContext = cache(async () =>
  createInnerContext({ deps: await getApiDeps(), viewer: await currentViewer() }),
);

/**
 * The router called in process for server rendering: the same procedures, access checks and
 * cache as over HTTP. What it fetches is handed to the browser (HydrateClient).
 */
export const trpc = createTRPCOptionsProxy({
  router: appRouter,
  ctx: renderContext,
  queryClient: getQueryClient,
});

/** The same router called directly, for what a page reads but does not hand to the browser. */
export const serverCaller = cache(async () => createCaller(await renderContext()));

/** Hands what this render prefetched to the browser's React Query cache. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

/**
 * The dashboard's first paint: its one polled query, then the charts at the version it names
 * and the alert history's first page, so the page renders with every number, both charts and
 * the history. A dashboard that fails (no risk
 * profile yet) is left to the page, which shows the error as it would after any poll.
 */
export async function prefetchDashboard(
  queryClient: ReturnType<typeof getQueryClient>,
  input: { traderId?: string },
) {
  await queryClient.prefetchQuery(trpc.risk.dashboard.queryOptions(input));
  const dashboard = queryClient.getQueryData(trpc.risk.dashboard.queryKey(input));
  if (!dashboard) return;
  await Promise.all([
    queryClient.prefetchQuery(
      trpc.risk.chart.queryOptions({ ...input, version: dashboard.chartVersion }),
    ),
    queryClient.prefetchInfiniteQuery(
      trpc.risk.alerts.history.infiniteQueryOptions(alertHistoryInput(input.traderId), {
        getNextPageParam: nextPageOf,
      }),
    ),
  ]);
}
