import type { Metadata } from "next";
import { CacheActions } from "~/components/admin/cache-actions.tsx";
import { CacheDeployment } from "~/components/admin/cache-deployment.tsx";
import { CacheStats } from "~/components/admin/cache-stats.tsx";
import { AppShell } from "~/components/app-shell.tsx";
import { requireViewer } from "~/server/viewer.ts";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Cache · Risk Dashboard" };
export const dynamic = "force-dynamic";

/**
 * How the risk cache is doing on every instance and over the last hour, then on the server
 * answering you in detail, with the two levers an admin has over it.
 */
export default async function CachePage() {
  const viewer = await requireViewer("ADMIN", "/admin/cache");
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.admin.cacheDeployment.queryOptions()),
    queryClient.prefetchQuery(trpc.admin.cacheStats.queryOptions()),
  ]);
  return (
    <AppShell viewer={viewer}>
      <h1>Cache</h1>
      <p className="lead">
        Every instance of the deployment and their last hour, then hit rates by kind, latency and
        Redis health of the server answering you, refreshed every 5 s.
      </p>
      <HydrateClient>
        <CacheActions />
        <CacheDeployment />
        <h2>The server answering you</h2>
        <CacheStats />
      </HydrateClient>
    </AppShell>
  );
}
