import type { CacheKind, RiskCache } from "@repo/risk-cache";
import type { Subject } from "../auth/resolve-subject.ts";

/** The user id the tenant's traders summary (admin.traders) is cached under. */
export const TENANT_SUMMARY_USER = "all";

export function tenantSummary(tenantId: string): Subject {
  return { tenantId, userId: TENANT_SUMMARY_USER };
}

/**
 * Drops what a write to a trader's book made wrong (DESIGN §4), after the write committed. A
 * change of metrics also changes the trader's row in the admins' summary, so that goes too.
 */
export async function invalidateBook(
  cache: RiskCache,
  subject: Subject,
  kinds: readonly CacheKind[],
): Promise<void> {
  await cache.invalidate(kinds, subject);
  if (kinds.includes("metrics")) await cache.invalidate("traders", tenantSummary(subject.tenantId));
}
