"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useId, useMemo } from "react";
import { nextPageOf } from "~/components/dashboard/dashboard-input.ts";
import { LoadMore } from "~/components/load-more.tsx";
import { TableScroll } from "~/components/table-scroll.tsx";
import { messageOf } from "~/lib/errors.ts";
import { whenOf } from "~/lib/format.ts";
import { useTimeZone } from "~/lib/use-time-zone.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { POLL_INTERVAL_MS } from "~/trpc/query-client.ts";
import type { RouterOutputs } from "~/trpc/types.ts";

type Delivery = RouterOutputs["admin"]["alertsOut"]["deliveries"]["rows"][number];

const PAGE = 25;

const EVENT_NAMES: Record<Delivery["type"], string> = {
  "alert.raised": "Raised",
  "alert.escalated": "Escalated",
  "alert.resolved": "Resolved",
  "alert.test": "Test",
};
const CHANNEL_NAMES: Record<Delivery["channel"], string> = { WEBHOOK: "Webhook", EMAIL: "Email" };
const STATUS_NAMES: Record<Delivery["status"], string> = {
  PENDING: "Pending",
  DELIVERED: "Delivered",
  FAILED: "Given up",
};

/** The last attempt's outcome in words: the receiver's status and the error, if any. */
function lastOf(delivery: Delivery, zone: string): string {
  const parts = [
    ...(delivery.lastStatus ? [`HTTP ${delivery.lastStatus}`] : []),
    ...(delivery.lastError ? [delivery.lastError] : []),
    ...(delivery.nextAttemptAt && delivery.attempts > 0
      ? [`next try ${whenOf(delivery.nextAttemptAt, zone)}`]
      : []),
  ];
  return parts.length > 0 ? parts.join(" · ") : "—";
}

/** Every event sent to every destination, newest first, a page at a time. */
export function AlertDeliveries() {
  const trpc = useTRPC();
  const headingId = useId();
  const zone = useTimeZone();
  const history = useInfiniteQuery(
    trpc.admin.alertsOut.deliveries.infiniteQueryOptions(
      { limit: PAGE },
      // Pending deliveries turn delivered or are retried while the admin watches.
      { getNextPageParam: nextPageOf, refetchInterval: POLL_INTERVAL_MS },
    ),
  );
  const rows = useMemo(() => history.data?.pages.flatMap((page) => page.rows), [history.data]);
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Delivery history</h2>
      {!rows ? (
        <p className={history.error ? "error" : "muted"} role="alert">
          {history.error ? messageOf(history.error) : "Loading…"}
        </p>
      ) : rows.length === 0 ? (
        <p className="muted">Nothing sent yet.</p>
      ) : (
        <TableScroll label="Delivery history table">
          <table aria-labelledby={headingId} className="deliveries">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Trader</th>
                <th scope="col">Channel</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last attempt</th>
                <th scope="col">Created</th>
                <th scope="col">Delivered</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-status={row.status}>
                  <th scope="row">{EVENT_NAMES[row.type]}</th>
                  <td>{row.trader.name}</td>
                  <td>{CHANNEL_NAMES[row.channel]}</td>
                  <td>{STATUS_NAMES[row.status]}</td>
                  <td className="num">{row.attempts}</td>
                  <td>{lastOf(row, zone)}</td>
                  <td>{whenOf(row.createdAt, zone)}</td>
                  <td>{row.deliveredAt ? whenOf(row.deliveredAt, zone) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <LoadMore shown={rows?.length ?? 0} pages={history} />
    </section>
  );
}
