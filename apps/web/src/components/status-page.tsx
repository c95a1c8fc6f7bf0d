import Link from "next/link";
import type { ReactNode } from "react";

/**
 * A page that stands in for the one asked for (not found, or failed): the app's frame and
 * colours, what happened in a sentence, and a way back to the start (which leads to the
 * viewer's own home, or to sign-in).
 */
export function StatusPage({
  title,
  lead,
  children,
}: {
  title: string;
  lead: string;
  /** More to do than going home: "Try again". */
  children?: ReactNode;
}) {
  return (
    <>
      <header className="shell">
        <span className="brand">Risk Dashboard</span>
      </header>
      <main className="status-page">
        <h1>{title}</h1>
        <p className="lead">{lead}</p>
        <div className="actions">
          {children}
          <Link href="/">Back to the start</Link>
        </div>
      </main>
    </>
  );
}
