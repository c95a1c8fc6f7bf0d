"use client";

import { memo, useMemo, useState } from "react";
import { money, percent, quantity, signedMoney } from "~/lib/format.ts";
import type { RiskMetrics } from "~/trpc/types.ts";

type Holding = RiskMetrics["holdings"][number];
type Column = "symbol" | "sector" | "quantity" | "price" | "notional" | "weight" | "dayPnl";

const COLUMNS: { key: Column; label: string; numeric: boolean }[] = [
  { key: "symbol", label: "Symbol", numeric: false },
  { key: "sector", label: "Sector", numeric: false },
  { key: "quantity", label: "Quantity", numeric: true },
  { key: "price", label: "Price", numeric: true },
  { key: "notional", label: "Notional", numeric: true },
  { key: "weight", label: "Weight", numeric: true },
  { key: "dayPnl", label: "Day P&L", numeric: true },
];

function compare(a: Holding, b: Holding, column: Column): number {
  const x = a[column];
  const y = b[column];
  if (typeof x === "string" && typeof y === "string") return x.localeCompare(y);
  return (
    (Number.isFinite(x) ? (x as number) : -Infinity) -
    (Number.isFinite(y) ? (y as number) : -Infinity)
  );
}

/** Exposure by position; sorted by |notional| until the user picks a column. */
export const HoldingsTable = memo(function HoldingsTable({
  holdings,
  currency,
}: {
  holdings: RiskMetrics["holdings"];
  currency: string;
}) {
  const [sort, setSort] = useState<{ column: Column; descending: boolean }>({
    column: "weight",
    descending: true,
  });
  const rows = useMemo(() => {
    const sorted = [...holdings].sort((a, b) => compare(a, b, sort.column));
    return sort.descending ? sorted.reverse() : sorted;
  }, [holdings, sort]);
  if (holdings.length === 0) return <p className="muted">No open positions.</p>;
  return (
    <table className="holdings">
      <caption className="visually-hidden">Exposure by position</caption>
      <thead>
        <tr>
          {COLUMNS.map(({ key, label, numeric }) => (
            <th
              key={key}
              scope="col"
              className={numeric ? "num" : undefined}
              aria-sort={
                sort.column === key ? (sort.descending ? "descending" : "ascending") : "none"
              }
            >
              <button
                type="button"
                className="sort"
                onClick={() =>
                  setSort((current) => ({
                    column: key,
                    descending: current.column === key ? !current.descending : numeric,
                  }))
                }
              >
                {label}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((holding) => (
          <tr key={holding.instrumentId}>
            <th scope="row">{holding.symbol}</th>
            <td>{holding.sector}</td>
            <td className="num">{quantity(holding.quantity)}</td>
            <td className="num">{money(holding.price, currency)}</td>
            <td className="num">{money(holding.notional, currency)}</td>
            <td className="num">{percent(holding.weight)}</td>
            <td className="num" data-sign={holding.dayPnl < 0 ? "down" : "up"}>
              {signedMoney(holding.dayPnl, currency)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});
