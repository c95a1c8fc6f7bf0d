import type { ReactNode } from "react";

/** Which column a table is sorted by, and which way. */
export interface SortState<Column extends string> {
  column: Column;
  descending: boolean;
}

/** What the sorted column shows beside its name (screen readers hear aria-sort instead). */
const SORT_MARKS = { ascending: "▲", descending: "▼" } as const;

/**
 * A column header that sorts its table: a button naming the column, and on the sorted column an
 * arrow showing the order, in a slot every column keeps so sorting never moves a heading (the
 * arrow is for the eye; `aria-sort` says it to assistive technology). `children` stand after
 * the button (an explanation of the column).
 */
export function SortHeader<Column extends string>({
  column,
  label,
  numeric,
  sort,
  onSort,
  children,
}: {
  column: Column;
  label: string;
  numeric: boolean;
  sort: SortState<Column>;
  onSort: (next: SortState<Column>) => void;
  children?: ReactNode;
}) {
  const active = sort.column === column;
  const direction = sort.descending ? "descending" : "ascending";
  return (
    <th scope="col" className={numeric ? "num" : undefined} aria-sort={active ? direction : "none"}>
      <button
        type="button"
        className="sort"
        // A first click on a number sorts largest first; on words, A to Z.
        onClick={() => onSort({ column, descending: active ? !sort.descending : numeric })}
      >
        {label}
        <span aria-hidden="true" className="sort-mark">
          {active ? SORT_MARKS[direction] : ""}
        </span>
      </button>
      {children}
    </th>
  );
}
