import type { Freshness } from "@repo/risk-cache";
import type { ApiCache } from "../../cache-policy.ts";
import { cachedView } from "../../cached-view.ts";
import type { Clock } from "../../clock.ts";
import type { TenantDb } from "../../data/tenant-db.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { readBook } from "../cache/read-book.ts";
import { computeMetrics, type MetricsView } from "./compute-metrics.ts";

export interface MetricsDeps {
  db: TenantDb;
  cache: ApiCache;
  clock: Clock;
}

/** Cache-aside (DESIGN §4): the cached view when there is one, else computed once and cached. */
export async function getMetrics(
  deps: MetricsDeps,
  subject: Subject,
): Promise<MetricsView & { freshness: Freshness }> {
  const { value, freshness } = await readBook(deps, "metrics", subject, () =>
    computeMetrics(deps, subject),
  );
  return cachedView(value, freshness);
}
