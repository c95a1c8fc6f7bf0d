/** Which column a table is sorted by, and which way. */
export interface SortState<Column extends string> {
  column: Column;
  descending: boolean;
}

/**
 * A column header that sorts its table: a button naming the column, an arrow showing the order
 * (the arrow is for the eye; `aria-sort` says it to assistive technology).
 */
export function SortHeader<Column extends string>({
  column,
  label,
  numeric,
  sort,
  onSort,
}: {
  column: Column;
  label: string;
  numeric: boolean;
  sort: SortState<Column>;
  onSort: (next: SortState<Column>) => void;
}) {
  const active = sort.column === column;
  return (
    <th
      scope="col"
      className={numeric ? "num" : undefined}
      aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}
    >
      <button
        type="button"
        className="sort"
        // A first click on a number sorts largest first; on words, A to Z.
        onClick={() => onSort({ column, descending: active ? !sort.descending : numeric })}
      >
        {label}
        <span aria-hidden="true" className="sort-arrow">
          {active ? (sort.descending ? " ▼" : " ▲") : " ↕"}
        </span>
      </button>
    </th>
  );
}
