import type { Metadata } from "next";
import { TradersTable } from "~/components/admin/traders-table.tsx";
import { AppShell } from "~/components/app-shell.tsx";
import { TableScroll } from "~/components/table-scroll.tsx";
import { requireViewer } from "~/server/viewer.ts";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Traders · Risk Dashboard" };
export const dynamic = "force-dynamic";

/** The admin's home: the firm's traders at a glance, each a link to their book. */
export default async function AdminPage() {
  const viewer = await requireViewer("ADMIN", "/admin");
  await getQueryClient().prefetchQuery(trpc.admin.traders.queryOptions());
  return (
    <AppShell viewer={viewer}>
      <h1>Traders</h1>
      <p className="lead">Every trader of your firm, with their risk score and open breaches.</p>
      <section className="panel" aria-label="Traders of your firm">
        <HydrateClient>
          <TableScroll label="Traders table">
            <TradersTable />
          </TableScroll>
        </HydrateClient>
      </section>
    </AppShell>
  );
}
