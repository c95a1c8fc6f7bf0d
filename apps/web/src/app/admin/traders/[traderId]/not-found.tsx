import Link from "next/link";
import { AppShell } from "~/components/app-shell.tsx";
import { requireViewer } from "~/server/viewer.ts";

/**
 * The same page for a malformed id, an unknown trader and another firm's trader, so the page
 * reveals nothing about who exists elsewhere.
 */
export default async function TraderNotFound() {
  const viewer = await requireViewer("ADMIN", "/admin");
  return (
    <AppShell viewer={viewer}>
      <h1>Trader not found</h1>
      <p className="lead">There is no such trader in your firm.</p>
      <p>
        <Link href="/admin">Back to the traders</Link>
      </p>
    </AppShell>
  );
}
