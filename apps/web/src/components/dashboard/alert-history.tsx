"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useId } from "react";
import { LoadMore } from "~/components/load-more.tsx";
import { messageOf } from "~/lib/errors.ts";
import { limitName, limitValue, STATUS_TEXT, whenInZone } from "~/lib/format.ts";
import { useViewerZone } from "~/lib/use-viewer-zone.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { usePoll } from "./use-poll.ts";

/** How many alerts a page of the history shows. */
const PAGE = 10;

/**
 * Every alert of the book, open or resolved, newest first: raised when, at what value against
 * what threshold; acknowledged by whom, when and with which note; resolved when. Refreshed with
 * the dashboard's polls, since valuations raise and resolve alerts.
 */
export function AlertHistory({ traderId, currency }: { traderId?: string; currency: string }) {
  const trpc = useTRPC();
  const headingId = useId();
  const zone = useViewerZone();
  const input = { limit: PAGE, ...(traderId ? { traderId } : {}) };
  const history = useInfiniteQuery(
    trpc.risk.alerts.history.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.nextCursor ?? undefined,
    }),
  );
  usePoll([trpc.risk.alerts.history.infiniteQueryKey(input)]);
  const alerts = history.data?.pages.flatMap((page) => page.alerts);
  const when = (date: Date) => <time dateTime={date.toISOString()}>{whenInZone(date, zone)}</time>;

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Alert history</h2>
      {!alerts ? (
        <p className={history.error ? "error" : "muted"} role="alert">
          {history.error ? messageOf(history.error) : "Loading…"}
        </p>
      ) : alerts.length === 0 ? (
        <p className="muted">No alerts yet.</p>
      ) : (
        <div className="table-scroll">
          <table aria-labelledby={headingId} className="alert-history">
            <thead>
              <tr>
                <th scope="col">Raised ({zone})</th>
                <th scope="col">Limit</th>
                <th scope="col">Level</th>
                <th scope="col" className="num">
                  Value / threshold
                </th>
                <th scope="col">Acknowledged</th>
                <th scope="col">Resolved</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((alert) => (
                <tr key={alert.id} data-level={alert.level}>
                  <td>{when(alert.raisedAt)}</td>
                  <th scope="row">{limitName(alert.limit.type, alert.limit.symbol)}</th>
                  <td>{STATUS_TEXT[alert.level]}</td>
                  <td className="num">
                    {limitValue(alert.limit.type, alert.value, currency)} /{" "}
                    {limitValue(alert.limit.type, alert.threshold, currency)}
                  </td>
                  <td>
                    {alert.acknowledgedAt ? (
                      <>
                        {alert.acknowledgedBy ?? "Someone"}, {when(alert.acknowledgedAt)}: “
                        {alert.note}”
                      </>
                    ) : (
                      <span className="muted">Not yet</span>
                    )}
                  </td>
                  <td>{alert.resolvedAt ? when(alert.resolvedAt) : <span>Still open</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore shown={alerts?.length ?? 0} pages={history} />
    </section>
  );
}
