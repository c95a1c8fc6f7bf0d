import type { Metadata } from "next";
import { ScenariosTable } from "~/components/admin/scenarios-table.tsx";
import { AppShell } from "~/components/app-shell.tsx";
import { requireViewer } from "~/server/viewer.ts";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Scenarios · Risk Dashboard" };
export const dynamic = "force-dynamic";

/** The firm's own stress scenarios: every trader's book is valued under each of them. */
export default async function ScenariosPage() {
  const viewer = await requireViewer("ADMIN", "/admin/scenarios");
  await getQueryClient().prefetchQuery(trpc.admin.scenarios.list.queryOptions());
  return (
    <AppShell viewer={viewer}>
      <h1>Stress scenarios</h1>
      <p className="lead">
        Moves of prices your firm wants every book tested against, beside the built-in ones. Each
        trader's stress panel shows what the book would make or lose, and the limits it would
        breach.
      </p>
      <HydrateClient>
        <ScenariosTable />
      </HydrateClient>
    </AppShell>
  );
}
