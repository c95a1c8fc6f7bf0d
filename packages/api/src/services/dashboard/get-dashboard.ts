import { cachedView } from "../../cached-view.ts";
import type { ServiceDeps } from "../../deps.ts";
import { DASHBOARD_ALERTS } from "../alerts/list-alerts.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { getMetrics } from "../risk/get-metrics.ts";

/**
 * Everything the dashboard polls, in one answer: the valuation at the latest tick (cards,
 * limits, holdings) and the open alerts, brought in line by that valuation.
 *
 * `version` names what the answer was made from: the trader, the book version (every change of
 * a position, limit, profile or account bumps it, by trigger), the alerts version (likewise for
 * alert rows), the price tick, and whether it is served stale. Two answers with the same version
 * carry the same numbers, so it is the answer's ETag (http/conditional-get.ts) and a poll whose
 * copy is current costs a 304. `chartVersion` tells the page when to ask for the charts again.
 */
export async function getDashboard(deps: ServiceDeps, subject: Subject) {
  const metrics = await getMetrics(deps, subject);
  const version = [
    subject.userId,
    `v${metrics.bookVersion}`,
    `a${metrics.alerts.version}`,
    `t${metrics.view.tick}`,
    ...(metrics.freshness.source === "stale" ? ["stale"] : []),
  ].join("-");
  return cachedView(metrics.view, {
    alerts: metrics.alerts.value.slice(0, DASHBOARD_ALERTS),
    freshness: metrics.freshness,
    chartVersion: metrics.chartVersion,
    version,
  });
}
