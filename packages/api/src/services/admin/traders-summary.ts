import type { RiskScore } from "@repo/risk-engine";
import { getMetrics, type MetricsDeps } from "../risk/get-metrics.ts";
import { activeTraders } from "./active-traders.ts";
import { mapBounded } from "./map-bounded.ts";

/** At most this many traders' metrics are computed at once while building the summary. */
export const SUMMARY_CONCURRENCY = 4;

/**
 * One trader's line in the cached summary: ids, score and counts only, never a name or an email
 * (DESIGN §4: no personal data in the cache).
 */
export interface TraderScoreLine {
  traderId: string;
  score: Pick<RiskScore, "value" | "status" | "driver">;
  openBreaches: number;
}

/**
 * Each active trader's score (through the per-trader metrics cache) and open BREACH alerts. The
 * alerts are counted after the metrics are read, since computing metrics brings alerts in line.
 * Cached for the `traders` kind's TTL and dropped by writes to any book; scores and breach
 * counts follow the prices within that TTL.
 */
export async function computeTradersSummary(
  deps: MetricsDeps,
  tenantId: string,
): Promise<TraderScoreLine[]> {
  const traders = await activeTraders(deps.db, tenantId);
  const scores = await mapBounded(traders, SUMMARY_CONCURRENCY, async (subject) => {
    const { metrics } = (await getMetrics(deps, subject)).view;
    const { value, status, driver } = metrics.score;
    return { traderId: subject.userId, score: { value, status, driver } };
  });
  const breaches = await deps.db.riskAlert.groupBy({
    by: ["traderId"],
    where: { level: "BREACH", resolvedAt: null },
    _count: { _all: true },
  });
  const breachesOf = new Map(breaches.map((row) => [row.traderId, row._count._all]));
  return scores.map((line) => ({ ...line, openBreaches: breachesOf.get(line.traderId) ?? 0 }));
}
