"use client";

import { TableScroll } from "~/components/table-scroll.tsx";
import { whenOf } from "~/lib/format.ts";
import { useTimeZone } from "~/lib/use-time-zone.ts";
import { type AuditEvent, actionOf, changesOf, subjectOf } from "./audit-words.ts";

/**
 * Audit events as a table, newest first: when (in the viewer's zone, named in the header), who,
 * what and the change in words. Scrolls inside its own box on a narrow screen.
 */
export function AuditTable({
  events,
  labelledBy,
  showWhat = true,
}: {
  events: readonly AuditEvent[];
  labelledBy: string;
  /** Off where every event is about the same thing (one limit's history). */
  showWhat?: boolean;
}) {
  const zone = useTimeZone();
  return (
    <TableScroll label="Changes table">
      <table aria-labelledby={labelledBy} className="audit">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            {showWhat ? <th scope="col">What</th> : <th scope="col">Action</th>}
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>
                <time dateTime={event.createdAt.toISOString()}>
                  {whenOf(event.createdAt, zone)}
                </time>
              </td>
              <td>{event.actor.name}</td>
              <td>
                {showWhat ? `${subjectOf(event)} ${actionOf(event)}` : capitalised(actionOf(event))}
                {showWhat && event.trader ? (
                  <span className="muted"> · {event.trader.name}</span>
                ) : null}
              </td>
              <td>
                <ul className="changes">
                  {changesOf(event, zone).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
