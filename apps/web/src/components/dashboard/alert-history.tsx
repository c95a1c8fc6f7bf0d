"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef } from "react";
import { LoadMore } from "~/components/load-more.tsx";
import { TableScroll } from "~/components/table-scroll.tsx";
import { messageOf } from "~/lib/errors.ts";
import { limitName, limitValue, STATUS_TEXT, whenOf } from "~/lib/format.ts";
import { useTimeZone } from "~/lib/use-time-zone.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { alertHistoryInput, nextPageOf } from "./dashboard-input.ts";

/**
 * Every alert of the book, open or resolved, newest first: raised when, at what value against
 * what threshold; acknowledged by whom, when and with which note; resolved when. It does not
 * poll: the dashboard's poll brings the open alerts, and the history is read again only when
 * they change (`openAlerts`, a key of them), so a poll stays one request.
 */
export function AlertHistory({
  traderId,
  currency,
  openAlerts,
}: {
  traderId?: string | undefined;
  currency: string;
  openAlerts: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingId = useId();
  const zone = useTimeZone();
  const input = alertHistoryInput(traderId);
  const history = useInfiniteQuery(
    trpc.risk.alerts.history.infiniteQueryOptions(input, { getNextPageParam: nextPageOf }),
  );
  const seen = useRef(openAlerts);
  useEffect(() => {
    if (seen.current === openAlerts) return;
    seen.current = openAlerts;
    void queryClient.invalidateQueries(trpc.risk.alerts.history.pathFilter());
  }, [openAlerts, queryClient, trpc]);
  const alerts = history.data?.pages.flatMap((page) => page.alerts);
  const when = (date: Date) => <time dateTime={date.toISOString()}>{whenOf(date, zone)}</time>;

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
        <TableScroll label="Alert history table">
          <table aria-labelledby={headingId} className="alert-history">
            <thead>
              <tr>
                <th scope="col">Raised</th>
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
        </TableScroll>
      )}
      <LoadMore shown={alerts?.length ?? 0} pages={history} />
    </section>
  );
}
