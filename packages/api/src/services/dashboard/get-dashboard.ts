import { cachedView } from "../../cached-view.ts";
import { readDashboardAlerts } from "../alerts/list-alerts.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { getMetrics, type MetricsDeps } from "../risk/get-metrics.ts";

/**
 * Everything the dashboard polls, in one answer: the valuation at the latest tick (cards,
 * limits, holdings) and the open alerts, brought in line by that valuation.
 *
 * `version` names what the answer was made from: the trader, the book version of the valuation
 * and of the alerts (every change of a position, limit, profile or alert row bumps it, by
 * trigger), the price tick, and whether it is served stale. Two answers with the same version
 * carry the same numbers, so it is the answer's ETag (http/conditional-get.ts) and a poll whose
 * copy is current costs a 304. `chartVersion` tells the page when to ask for the charts again.
 */
export async function getDashboard(deps: MetricsDeps, subject: Subject) {
  const metrics = await getMetrics(deps, subject);
  const alerts = await readDashboardAlerts(deps, subject);
  const stale = metrics.freshness.source === "stale" || alerts.freshness.source === "stale";
  const version = [
    subject.userId,
    `v${metrics.bookVersion}`,
    `a${alerts.version}`,
    `t${metrics.view.tick}`,
    ...(stale ? ["stale"] : []),
  ].join("-");
  return cachedView(metrics.view, {
    alerts: alerts.value,
    freshness: metrics.freshness,
    chartVersion: metrics.chartVersion,
    version,
  });
}
