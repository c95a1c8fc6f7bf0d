"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useId, useState } from "react";
import { dashboardInput } from "~/components/dashboard/dashboard-input.ts";
import { TableScroll } from "~/components/table-scroll.tsx";
import { messageOf } from "~/lib/errors.ts";
import { DEFAULT_CURRENCY, limitName } from "~/lib/format.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { LimitCreateForm } from "./limit-create-form.tsx";
import { LimitEditRow } from "./limit-edit-row.tsx";
import { LimitHistory } from "./limit-history.tsx";
import { LimitRow } from "./limit-row.tsx";
import { MutationError } from "./mutation-error.tsx";

/**
 * The trader's limits: one row per limit, edited in place (one row at a time) or deleted after
 * a confirmation, its history opened below the table. A failed edit or delete is reported above the table, in a slot that is always
 * there, with Reload when the row was changed by someone else meanwhile.
 */
export function LimitsTable({ traderId }: { traderId: string }) {
  const trpc = useTRPC();
  const headingId = useId();
  const limitsQuery = useQuery(trpc.risk.limits.list.queryOptions({ traderId }));
  // The book's currency comes with the metrics the page already shows.
  const currencyQuery = useQuery({
    ...trpc.risk.dashboard.queryOptions(dashboardInput(traderId)),
    select: (data) => data.currency,
  });
  const currency = currencyQuery.data ?? DEFAULT_CURRENCY;
  const [editingId, setEditingId] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [history, setHistory] = useState<{ id: string; name: string } | null>(null);

  const reload = useCallback(async () => {
    setEditingId(null);
    await limitsQuery.refetch();
    setFailure(null);
  }, [limitsQuery]);

  const limits = limitsQuery.data?.limits;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Risk limits</h2>
      <MutationError error={failure} onReload={reload} reloading={limitsQuery.isFetching} />
      {limits ? (
        <TableScroll label="Risk limits table">
          <table aria-labelledby={headingId} className="limits-table">
            <thead>
              <tr>
                <th scope="col">Limit</th>
                <th scope="col">Symbol</th>
                <th scope="col" className="num">
                  Threshold
                </th>
                <th scope="col" className="num">
                  Warn at
                </th>
                <th scope="col">Severity</th>
                <th scope="col">Active</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {limits.length === 0 ? (
                <tr>
                  <td colSpan={7} className="muted">
                    No limits yet. Add one below.
                  </td>
                </tr>
              ) : null}
              {limits.map((limit) =>
                limit.id === editingId ? (
                  <LimitEditRow
                    key={limit.id}
                    traderId={traderId}
                    limit={limit}
                    onDone={() => setEditingId(null)}
                    onFailure={setFailure}
                  />
                ) : (
                  <LimitRow
                    key={limit.id}
                    traderId={traderId}
                    limit={limit}
                    currency={currency}
                    onEdit={() => {
                      setFailure(null);
                      setEditingId(limit.id);
                    }}
                    onHistory={() =>
                      setHistory({ id: limit.id, name: limitName(limit.type, limit.symbol) })
                    }
                    onFailure={setFailure}
                  />
                ),
              )}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className={limitsQuery.error ? "error" : "muted"} role="alert">
          {limitsQuery.error ? messageOf(limitsQuery.error) : "Loading…"}
        </p>
      )}
      {history ? (
        <LimitHistory
          key={history.id}
          limitId={history.id}
          name={history.name}
          onClose={() => setHistory(null)}
        />
      ) : null}
      <LimitCreateForm traderId={traderId} />
    </section>
  );
}
