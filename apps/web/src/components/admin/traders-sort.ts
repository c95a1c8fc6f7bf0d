import type { RouterOutputs } from "~/trpc/types.ts";

export type TraderRow = RouterOutputs["admin"]["traders"]["traders"][number];

/** The worst first when sorted descending: a breach outranks a warning, which outranks OK. */
const STATUS_RANK: Record<TraderRow["score"]["status"], number> = {
  NO_DATA: 0,
  OK: 1,
  WARN: 2,
  BREACH: 3,
};

/** The traders table's columns in order, each with what it sorts by. */
export const TRADER_COLUMNS = [
  { column: "name", label: "Trader", numeric: false, sortBy: (t: TraderRow) => t.name },
  { column: "email", label: "Email", numeric: false, sortBy: (t: TraderRow) => t.email },
  { column: "score", label: "Score", numeric: true, sortBy: (t: TraderRow) => t.score.value },
  {
    column: "status",
    label: "Status",
    numeric: true,
    sortBy: (t: TraderRow) => STATUS_RANK[t.score.status],
  },
  { column: "driver", label: "Driver", numeric: false, sortBy: (t: TraderRow) => t.score.driver },
  { column: "gross", label: "Gross", numeric: true, sortBy: (t: TraderRow) => t.gross },
  { column: "net", label: "Net", numeric: true, sortBy: (t: TraderRow) => t.net },
  { column: "var", label: "VaR (1 day)", numeric: true, sortBy: (t: TraderRow) => t.var },
  {
    column: "openBreaches",
    label: "Open breaches",
    numeric: true,
    sortBy: (t: TraderRow) => t.openBreaches,
  },
] as const;

export type TraderColumn = (typeof TRADER_COLUMNS)[number]["column"];

/** What the list opens with: the traders in breach first. */
export const BREACHES_FIRST = { column: "openBreaches", descending: true } as const;

/**
 * The rows sorted by a column; ties go by name, and a value not known (a trader not valued yet)
 * comes last whichever the direction.
 */
export function sortTraders(
  rows: readonly TraderRow[],
  sort: { column: TraderColumn; descending: boolean },
): TraderRow[] {
  const sortBy = TRADER_COLUMNS.find(({ column }) => column === sort.column)?.sortBy;
  if (!sortBy) return [...rows];
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = sortBy(a);
    const y = sortBy(b);
    if (typeof x === "number" && typeof y === "number") {
      const known = Number(Number.isFinite(y)) - Number(Number.isFinite(x));
      if (known !== 0) return known;
      if (x !== y && Number.isFinite(x)) return sign * (x - y);
    } else if (x !== y) {
      return sign * String(x).localeCompare(String(y));
    }
    return a.name.localeCompare(b.name);
  });
}

/** The traders whose name or email holds the search, whatever the case; all for an empty one. */
export function searchTraders(rows: readonly TraderRow[], search: string): TraderRow[] {
  const needle = search.trim().toLocaleLowerCase();
  if (!needle) return [...rows];
  return rows.filter(
    (t) =>
      t.name.toLocaleLowerCase().includes(needle) || t.email.toLocaleLowerCase().includes(needle),
  );
}
