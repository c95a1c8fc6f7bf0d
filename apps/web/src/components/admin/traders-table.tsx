"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useMemo, useState } from "react";
import { usePoll } from "~/components/dashboard/use-poll.ts";
import { SortHeader, type SortState } from "~/components/sort-header.tsx";
import { TableScroll } from "~/components/table-scroll.tsx";
import { messageOf } from "~/lib/errors.ts";
import { decimal, money } from "~/lib/format.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { FirmTotals } from "./firm-totals.tsx";
import { StatusBadge } from "./status-badge.tsx";
import {
  BREACHES_FIRST,
  searchTraders,
  sortTraders,
  TRADER_COLUMNS,
  type TraderColumn,
} from "./traders-sort.ts";

/**
 * Every trader of the tenant with score, exposure and open breaches, refreshed with the
 * dashboards: the firm's totals, a search by name or email, and a sort by any column (breaches
 * first until the admin picks another).
 */
export function TradersTable() {
  const trpc = useTRPC();
  const searchId = useId();
  const traders = useQuery(trpc.admin.traders.queryOptions());
  usePoll([trpc.admin.traders.queryKey()]);
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<SortState<TraderColumn>>(BREACHES_FIRST);
  const rows = useMemo(
    () => sortTraders(searchTraders(traders.data?.traders ?? [], search), sort),
    [traders.data, search, sort],
  );

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
    <>
      <FirmTotals totals={traders.data.totals} />
      <div className="search-row">
        <label htmlFor={searchId}>Search traders</label>
        <input
          id={searchId}
          type="search"
          value={search}
          placeholder="Name or email"
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>
      <TableScroll label="Traders table">
        <table aria-label="Traders">
          <thead>
            <tr>
              {TRADER_COLUMNS.map(({ column, label, numeric }) => (
                <SortHeader
                  key={column}
                  column={column}
                  label={label}
                  numeric={numeric}
                  sort={sort}
                  onSort={setSort}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={TRADER_COLUMNS.length} className="muted">
                  No trader's name or email holds “{search.trim()}”.
                </td>
              </tr>
            ) : null}
            {rows.map((trader) => (
              <tr key={trader.id}>
                <th scope="row">
                  <Link href={`/admin/traders/${trader.id}`}>{trader.name}</Link>
                </th>
                <td>{trader.email}</td>
                <td className="num">{decimal(trader.score.value, 0)}</td>
                <td className="num">
                  <StatusBadge status={trader.score.status} />
                </td>
                <td className="driver">{trader.score.driver}</td>
                <td className="num">{money(trader.gross, trader.currency)}</td>
                <td className="num">{money(trader.net, trader.currency)}</td>
                <td className="num">{money(trader.var, trader.currency)}</td>
                <td className="num" data-breaches={trader.openBreaches > 0 ? "some" : "none"}>
                  {trader.openBreaches}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
