import type { Metadata } from "next";
import { CacheActions } from "~/components/admin/cache-actions.tsx";
import { CacheStats } from "~/components/admin/cache-stats.tsx";
import { AppShell } from "~/components/app-shell.tsx";
import { requireViewer } from "~/server/viewer.ts";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Cache · Risk Dashboard" };
export const dynamic = "force-dynamic";

/** How the risk cache is doing on this server, with the two levers an admin has over it. */
export default async function CachePage() {
  const viewer = await requireViewer("ADMIN", "/admin/cache");
  await getQueryClient().prefetchQuery(trpc.admin.cacheStats.queryOptions());
  return (
    <AppShell viewer={viewer}>
      <h1>Cache</h1>
      <p className="lead">
        Hit rates, latency and Redis health of the server answering you, refreshed every 5 s.
      </p>
      <HydrateClient>
        <CacheActions />
        <CacheStats />
      </HydrateClient>
    </AppShell>
  );
}
