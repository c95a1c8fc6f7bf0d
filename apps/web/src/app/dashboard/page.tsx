import type { Metadata } from "next";
import { AppShell } from "~/components/app-shell.tsx";
import { Dashboard } from "~/components/dashboard/dashboard.tsx";
import { dashboardInput } from "~/components/dashboard/dashboard-input.ts";
import { requireViewer } from "~/server/viewer.ts";
import { getQueryClient, HydrateClient, prefetchDashboard } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "My risk · Risk Dashboard" };
export const dynamic = "force-dynamic";

/** A trader's own risk, rendered with data on the server so the first paint is the numbers. */
export default async function DashboardPage() {
  const viewer = await requireViewer("TRADER", "/dashboard");
  const queryClient = getQueryClient();
  const input = dashboardInput();
  await prefetchDashboard(queryClient, input);
  return (
    <AppShell viewer={viewer}>
      <h1>My risk</h1>
      <HydrateClient>
        <Dashboard />
      </HydrateClient>
    </AppShell>
  );
}
