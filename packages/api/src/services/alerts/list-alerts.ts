import type { ServiceDeps } from "../../deps.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { getMetrics } from "../risk/get-metrics.ts";
import type { AlertView } from "./alert-view.ts";
import { type AlertsQuery, readAlerts } from "./open-alerts.ts";

/** What the dashboard shows: the newest open alerts. */
export const DASHBOARD_ALERTS = 50;

/**
 * The trader's alerts, newest first. The rows are brought in line with the limits by every
 * valuation (sync-alerts), so the valuation is read first (from the cache when it is there):
 * alerts are then never older than the numbers the dashboard shows beside them. Open alerts
 * come with the valuation, from the cache; a list with resolved ones from the database.
 */
export async function listAlerts(
  deps: ServiceDeps,
  subject: Subject,
  query: AlertsQuery,
): Promise<AlertView[]> {
  const { alerts } = await getMetrics(deps, subject);
  if (!query.includeResolved) return alerts.value.slice(0, query.limit);
  return readAlerts(deps.db, subject, query);
}
