"use client";

/**
 * Below a list read a page at a time: "Load more" while older entries remain, and how many are
 * shown. Keyset pages, so what was shown never shifts when new entries arrive.
 */
export function LoadMore({
  shown,
  pages,
}: {
  shown: number;
  pages: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
}) {
  if (shown === 0) return null;
  return (
    <div className="more-row">
      {pages.hasNextPage ? (
        <button
          type="button"
          className="secondary"
          disabled={pages.isFetchingNextPage}
          onClick={() => pages.fetchNextPage()}
        >
          {pages.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      ) : null}
      <span className="muted">
        {shown} shown{pages.hasNextPage ? ", older ones below" : ", the oldest reached"}
      </span>
    </div>
  );
}
