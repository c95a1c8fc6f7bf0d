import type { Subject } from "../auth/resolve-subject.ts";
import { getMetrics, type MetricsDeps } from "../risk/get-metrics.ts";
import { ALERT_SELECT, type AlertView, toAlertView } from "./alert-view.ts";

export interface ListAlertsOptions {
  /** Also the alerts whose limit has since gone back below their level. */
  includeResolved: boolean;
  /** At most this many, newest first. */
  limit: number;
}

/**
 * The trader's alerts, newest first. Read from the database, not the cache: an acknowledgement
 * must show at once. The rows are brought in line with the limits by every metrics computation
 * (sync-alerts), so the metrics are read first (from the cache when they are there): alerts are
 * then never older than the metrics the dashboard shows beside them, even on a first visit
 * where both are asked for in one batch.
 */
export async function listAlerts(
  deps: MetricsDeps,
  subject: Subject,
  options: ListAlertsOptions,
): Promise<AlertView[]> {
  await getMetrics(deps, subject);
  const rows = await deps.db.riskAlert.findMany({
    where: {
      traderId: subject.userId,
      ...(options.includeResolved ? {} : { resolvedAt: null }),
    },
    // The id breaks ties between alerts raised by one computation, so pages never reshuffle.
    orderBy: [{ raisedAt: "desc" }, { id: "desc" }],
    take: options.limit,
    select: ALERT_SELECT,
  });
  return rows.map(toAlertView);
}
