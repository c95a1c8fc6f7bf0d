import type { Metadata } from "next";
import { AuditLog } from "~/components/admin/audit-log.tsx";
import { AppShell } from "~/components/app-shell.tsx";
import { requireViewer } from "~/server/viewer.ts";
import { HydrateClient } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Audit log · Risk Dashboard" };
export const dynamic = "force-dynamic";

/**
 * Every audited change of the firm. Read in the browser, not prefetched: its times are written
 * in the viewer's own zone, which only the browser knows.
 */
export default async function AuditPage() {
  const viewer = await requireViewer("ADMIN", "/admin/audit");
  return (
    <AppShell viewer={viewer}>
      <h1>Audit log</h1>
      <p className="lead">
        Who changed what in your firm, newest first: filter by person, kind, action and days, and
        download what the filters select as CSV.
      </p>
      <HydrateClient>
        <AuditLog />
      </HydrateClient>
    </AppShell>
  );
}
