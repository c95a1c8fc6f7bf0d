import type { ApiCache, ApiCacheKind } from "../../cache-policy.ts";
import type { Subject } from "../auth/resolve-subject.ts";

/** The user id the tenant's traders summary (admin.traders) is cached under. */
export const TENANT_SUMMARY_USER = "all";

export function tenantSummary(tenantId: string): Subject {
  return { tenantId, userId: TENANT_SUMMARY_USER };
}

/**
 * Drops what a write to a trader's book made wrong, after the write committed. A change of the
 * book changes its valuation (cached under the book's version: nothing to drop), the trader's
 * alerts (raised and resolved by valuations, and a deleted limit takes its alerts with it) and
 * the trader's row in the admins' summary, so those go too.
 */
export async function invalidateBook(
  cache: ApiCache,
  subject: Subject,
  kinds: readonly ApiCacheKind[],
): Promise<void> {
  await cache.invalidate(kinds.includes("book") ? [...kinds, "alerts"] : kinds, subject);
  if (kinds.includes("book")) await cache.invalidate("traders", tenantSummary(subject.tenantId));
}
