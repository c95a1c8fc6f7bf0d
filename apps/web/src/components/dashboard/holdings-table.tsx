"use client";

import { memo, useMemo, useState } from "react";
import { Explain } from "~/components/explain.tsx";
import { SortHeader, type SortState } from "~/components/sort-header.tsx";
import { money, percent, quantity, signedMoney } from "~/lib/format.ts";
import type { RiskMetrics } from "~/trpc/types.ts";

type Holding = RiskMetrics["holdings"][number];
type Column =
  | "symbol"
  | "sector"
  | "quantity"
  | "price"
  | "notional"
  | "weight"
  | "dayPnl"
  | "varContribution";

/** What each column sorts by; notional by its size, long or short. */
const COLUMNS: {
  key: Column;
  label: string;
  numeric: boolean;
  sortBy: (h: Holding) => string | number;
  explain?: string;
}[] = [
  { key: "symbol", label: "Symbol", numeric: false, sortBy: (h) => h.symbol },
  { key: "sector", label: "Sector", numeric: false, sortBy: (h) => h.sector },
  { key: "quantity", label: "Quantity", numeric: true, sortBy: (h) => h.quantity },
  { key: "price", label: "Price", numeric: true, sortBy: (h) => h.price },
  {
    key: "notional",
    label: "Notional",
    numeric: true,
    sortBy: (h) => Math.abs(h.notional),
    explain: "Quantity × last price; negative for a short. Sorted by size, long or short.",
  },
  {
    key: "weight",
    label: "Weight",
    numeric: true,
    sortBy: (h) => h.weight,
    explain: "|Notional| as a share of the book's gross exposure.",
  },
  {
    key: "dayPnl",
    label: "Day P&L",
    numeric: true,
    sortBy: (h) => h.dayPnl,
    explain: "Quantity × (last price − previous close); — when there is no previous close.",
  },
  {
    key: "varContribution",
    label: "VaR contribution",
    numeric: true,
    sortBy: (h) => h.contribution.historical,
    explain:
      "This position's part of the one-day historical VaR (Euler allocation): the parts add up to the VaR, and a hedge's is negative. The percentage is its share.",
  },
];

function compare(a: Holding, b: Holding, column: Column): number {
  const sortBy = COLUMNS.find(({ key }) => key === column)?.sortBy ?? ((h: Holding) => h.symbol);
  const x = sortBy(a);
  const y = sortBy(b);
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
  const [sort, setSort] = useState<SortState<Column>>({
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
          {COLUMNS.map(({ key, label, numeric, explain }) => (
            <SortHeader
              key={key}
              column={key}
              label={label}
              numeric={numeric}
              sort={sort}
              onSort={setSort}
            >
              {explain ? <Explain about={label}>{explain}</Explain> : null}
            </SortHeader>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((holding) => (
          <tr key={holding.instrumentId}>
            <th scope="row">{holding.symbol}</th>
            <td>{holding.sector}</td>
            <td className="num">{quantity(holding.quantity)}</td>
            <td className="num">{money(holding.price, currency, "cents")}</td>
            <td className="num">{money(holding.notional, currency)}</td>
            <td className="num">{percent(holding.weight)}</td>
            <td className="num" data-sign={holding.dayPnl < 0 ? "down" : "up"}>
              {signedMoney(holding.dayPnl, currency)}
            </td>
            <td className="num">
              {money(holding.contribution.historical, currency)}{" "}
              <span className="muted">{percent(holding.contribution.share)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});
