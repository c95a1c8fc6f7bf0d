import { deploymentSeries, sumFigures } from "@repo/risk-cache";
import type { ApiCache } from "../../cache-policy.ts";
import type { Clock } from "../../clock.ts";
import {
  CACHE_ALERT_WINDOW_MS,
  type CacheAlertThresholds,
  DEFAULT_CACHE_ALERT_THRESHOLDS,
  instanceAlerts,
} from "./cache-alerts.ts";

export interface CacheDeploymentDeps {
  cache: Pick<ApiCache, "deployment">;
  clock: Clock;
  thresholds?: CacheAlertThresholds;
}

const HOUR_MS = 3_600_000;

/**
 * Every instance of the deployment with its cache figures, their sum, the last hour as one
 * series, and the alerts the thresholds raise. Only the cache's own statistics: instances are
 * shared by every tenant, and nothing here names a tenant, a user or a key.
 */
export async function cacheDeployment(deps: CacheDeploymentDeps) {
  const thresholds = deps.thresholds ?? DEFAULT_CACHE_ALERT_THRESHOLDS;
  const view = await deps.cache.deployment();
  const now = deps.clock().getTime();
  return {
    shared: view.shared,
    intervalMs: view.intervalMs,
    instances: view.instances.map(({ series: _series, ...report }) => ({
      ...report,
      self: report.id === view.self,
    })),
    total: sumFigures(view.instances.map((instance) => instance.figures)),
    series: deploymentSeries(view.instances, view.intervalMs).filter(
      (point) => point.at > now - HOUR_MS,
    ),
    alerts: view.instances.flatMap((instance) =>
      instanceAlerts(instance, view.intervalMs, thresholds, now),
    ),
    thresholds,
    alertWindowMs: CACHE_ALERT_WINDOW_MS,
  };
}
