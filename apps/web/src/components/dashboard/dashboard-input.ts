/**
 * The query input of one trader's dashboard: a trader's own (no id) or, for an admin, a
 * trader's. Server pages prefetch with it and the client queries with it, so both must agree;
 * it lives outside the "use client" module so server code can call it.
 */
export function dashboardInput(traderId?: string): { traderId?: string } {
  return traderId ? { traderId } : {};
}

/** How many alerts a page of the alert history shows. */
const ALERT_HISTORY_PAGE = 10;

/** The alert history's first page, prefetched with the dashboard and queried in the browser. */
export function alertHistoryInput(traderId?: string) {
  return { ...dashboardInput(traderId), limit: ALERT_HISTORY_PAGE };
}

/** Where the next page of a keyset-paged list starts; none after the last. */
export function nextPageOf(page: { nextCursor: string | null }): string | undefined {
  return page.nextCursor ?? undefined;
}
