/**
 * The query input of one trader's dashboard: a trader's own (no id) or, for an admin, a
 * trader's. Server pages prefetch with it and the client queries with it, so both must agree;
 * it lives outside the "use client" module so server code can call it.
 */
export function dashboardInput(traderId?: string): { traderId?: string } {
  return traderId ? { traderId } : {};
}
