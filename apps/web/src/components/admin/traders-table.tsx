"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePoll } from "~/components/dashboard/use-poll.ts";
import { messageOf } from "~/lib/errors.ts";
import { decimal } from "~/lib/format.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { StatusBadge } from "./status-badge.tsx";

/** Every trader of the tenant with score and open breaches, refreshed with the dashboards. */
export function TradersTable() {
  const trpc = useTRPC();
  const traders = useQuery(trpc.admin.traders.queryOptions());
  usePoll([trpc.admin.traders.queryKey()]);

  if (!traders.data) {
    return traders.error ? (
      <p className="error" role="alert">
        {messageOf(traders.error)}
      </p>
    ) : (
      <p className="muted">Loading…</p>
    );
  }
  if (traders.data.traders.length === 0) {
    return <p className="muted">No active traders in your firm yet.</p>;
  }
  return (
    <table aria-label="Traders">
      <thead>
        <tr>
          <th scope="col">Trader</th>
          <th scope="col">Email</th>
          <th scope="col" className="num">
            Score
          </th>
          <th scope="col">Status</th>
          <th scope="col">Driver</th>
          <th scope="col" className="num">
            Open breaches
          </th>
        </tr>
      </thead>
      <tbody>
        {traders.data.traders.map((trader) => (
          <tr key={trader.id}>
            <th scope="row">
              <Link href={`/admin/traders/${trader.id}`}>{trader.name}</Link>
            </th>
            <td>{trader.email}</td>
            <td className="num">{decimal(trader.score.value, 0)}</td>
            <td>
              <StatusBadge status={trader.score.status} />
            </td>
            <td className="driver">{trader.score.driver}</td>
            <td className="num" data-breaches={trader.openBreaches > 0 ? "some" : "none"}>
              {trader.openBreaches}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
