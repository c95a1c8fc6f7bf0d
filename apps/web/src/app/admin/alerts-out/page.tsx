import type { Metadata } from "next";
import { AlertsOutScreen } from "~/components/admin/alerts-out-screen.tsx";
import { AppShell } from "~/components/app-shell.tsx";
import { requireViewer } from "~/server/viewer.ts";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Alerts out · Risk Dashboard" };
export const dynamic = "force-dynamic";

/** Where the firm's breaches go: a signed webhook, email, and what was delivered. */
export default async function AlertsOutPage() {
  const viewer = await requireViewer("ADMIN", "/admin/alerts-out");
  await getQueryClient().prefetchQuery(trpc.admin.alertsOut.settings.queryOptions());
  return (
    <AppShell viewer={viewer}>
      <h1>Alerts out</h1>
      <p className="lead">
        Where your traders' alerts go as they are raised, escalated from warning to breach, and
        resolved: a webhook your systems verify, and email. Each event is sent once to each
        destination, retried while the receiver is away.
      </p>
      <HydrateClient>
        <AlertsOutScreen />
      </HydrateClient>
    </AppShell>
  );
}
