import { IMPORT_ENDPOINT } from "@repo/api";
import type { Metadata } from "next";
import { ImportScreen } from "~/components/admin/import-screen.tsx";
import { AppShell } from "~/components/app-shell.tsx";
import { IMPORTS_PATH } from "~/lib/imports.ts";
import { serverConfig } from "~/server/config.ts";
import { requireViewer } from "~/server/viewer.ts";

export const metadata: Metadata = { title: "Import · Risk Dashboard" };
export const dynamic = "force-dynamic";

/** Bringing the firm's own data in from CSV files: instruments, positions and daily closes. */
export default async function ImportsPage() {
  const viewer = await requireViewer("ADMIN", IMPORTS_PATH);
  return (
    <AppShell viewer={viewer}>
      <h1>Import</h1>
      <p className="lead">
        Bring your firm's instruments, daily closes and traders' positions in from CSV files, in
        that order: a position needs a price. A preview says what a file would change; nothing is
        written until you apply it, and then all of it or nothing.
      </p>
      <ImportScreen endpoint={IMPORT_ENDPOINT} maxBytes={serverConfig().importMaxBytes} />
    </AppShell>
  );
}
