"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { TableScroll } from "~/components/table-scroll.tsx";
import { messageOf } from "~/lib/errors.ts";
import { whenOf } from "~/lib/format.ts";
import { useTimeZone } from "~/lib/use-time-zone.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { AUDIT_PAGE, auditInput } from "./audit-input.ts";
import { actionOf, changesOf, subjectOf } from "./audit-words.ts";

/** Who changed what in this trader's book, newest first, in words rather than field dumps. */
export function AuditHistory({ traderId }: { traderId: string }) {
  const trpc = useTRPC();
  const headingId = useId();
  const timeZone = useTimeZone();
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
        <TableScroll label="Audit history table">
          <table aria-labelledby={headingId} className="audit">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <td>
                    <time dateTime={event.createdAt.toISOString()}>
                      {whenOf(event.createdAt, timeZone)}
                    </time>
                  </td>
                  <td>{event.actor.name}</td>
                  <td>
                    {subjectOf(event)} {actionOf(event)}
                  </td>
                  <td>
                    <ul className="changes">
                      {changesOf(event, timeZone).map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {audit.data?.nextCursor ? (
        <p className="muted">Showing the latest {AUDIT_PAGE} changes.</p>
      ) : null}
    </section>
  );
}
