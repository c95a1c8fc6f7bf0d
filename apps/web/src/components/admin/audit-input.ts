/** How many changes the trader's page shows: the recent history, not an archive. */
export const AUDIT_PAGE = 50;

/**
 * The audit query of a trader's page. Server prefetch and client query must agree on it, so it
 * lives outside the "use client" module, where server code can call it.
 */
export function auditInput(traderId: string) {
  return { traderId, limit: AUDIT_PAGE };
}
