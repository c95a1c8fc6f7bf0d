import type { Metadata } from "next";
import { TokensScreen } from "~/components/admin/tokens-screen.tsx";
import { AppShell } from "~/components/app-shell.tsx";
import { requireViewer } from "~/server/viewer.ts";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "API tokens · Risk Dashboard" };
export const dynamic = "force-dynamic";

/** The firm's API tokens, their recent uses and where its prices come from. */
export default async function TokensPage() {
  const viewer = await requireViewer("ADMIN", "/admin/tokens");
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.admin.tokens.list.queryOptions()),
    queryClient.prefetchQuery(trpc.admin.tokens.uses.queryOptions()),
    queryClient.prefetchQuery(trpc.admin.settings.priceSource.get.queryOptions()),
  ]);
  return (
    <AppShell viewer={viewer}>
      <h1>API tokens</h1>
      <p className="lead">
        Tokens let your firm's systems post end-of-day closes, intraday prices and position changes
        to the token API. Each is shown once when made; revoke one and it stops at once. What a
        token writes is audited under the admin who made it.
      </p>
      <HydrateClient>
        <TokensScreen />
      </HydrateClient>
    </AppShell>
  );
}
