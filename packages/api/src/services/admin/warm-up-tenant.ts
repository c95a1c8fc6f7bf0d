import { computeVersioned } from "../cache/read-book.ts";
import { computeMetrics } from "../risk/compute-metrics.ts";
import type { MetricsDeps } from "../risk/get-metrics.ts";
import { activeTraders } from "./active-traders.ts";

/** At most this many books are computed at once, so a warm-up leaves connections for users. */
export const WARM_UP_CONCURRENCY = 4;

/**
 * Computes and caches the metrics of every active trader of the tenant that is not cached yet,
 * so their next dashboard poll is a cache hit.
 */
export async function warmUpTenant(
  deps: MetricsDeps,
  tenantId: string,
): Promise<{ traders: number; warmed: number; failed: number }> {
  const subjects = await activeTraders(deps.db, tenantId);
  const { warmed, failed } = await deps.cache.warmUp(
    "metrics",
    subjects,
    (subject) => computeVersioned(deps.db, subject, () => computeMetrics(deps, subject)),
    { concurrency: WARM_UP_CONCURRENCY },
  );
  return { traders: subjects.length, warmed, failed };
}
