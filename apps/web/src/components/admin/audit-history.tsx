"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId } from "react";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { AUDIT_PAGE, auditInput } from "./audit-input.ts";
import { AuditTable } from "./audit-table.tsx";

/** Who changed what in this trader's book, newest first, in words rather than field dumps. */
export function AuditHistory({ traderId }: { traderId: string }) {
  const trpc = useTRPC();
  const headingId = useId();
  const audit = useQuery(trpc.admin.auditLog.queryOptions(auditInput(traderId)));
  const events = audit.data?.events;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Audit history</h2>
      {!events ? (
        <p className={audit.error ? "error" : "muted"} role="alert">
          {audit.error ? messageOf(audit.error) : "Loading…"}
        </p>
      ) : events.length === 0 ? (
        <p className="muted">No changes yet.</p>
      ) : (
        <AuditTable events={events} labelledBy={headingId} />
      )}
      {audit.data?.nextCursor ? (
        <p className="muted">
          Showing the latest {AUDIT_PAGE} changes; the <Link href="/admin/audit">audit log</Link>{" "}
          has every one, with filters.
        </p>
      ) : null}
    </section>
  );
}
