import type { TenantDb } from "../../data/tenant-db.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { readBook } from "../cache/read-book.ts";
import { getMetrics, type MetricsDeps } from "../risk/get-metrics.ts";
import { ALERT_SELECT, type AlertView, toAlertView } from "./alert-view.ts";

export interface ListAlertsOptions {
  /** Also the alerts whose limit has since gone back below their level. */
  includeResolved: boolean;
  /** At most this many, newest first. */
  limit: number;
}

/** What the dashboard asks for every 5 s: the list the cache keeps. */
const DASHBOARD_LIST: ListAlertsOptions = { includeResolved: false, limit: 50 };

/**
 * The trader's alerts, newest first. The rows are brought in line with the limits by every
 * metrics computation (sync-alerts), so the metrics are read first (from the cache when they are
 * there): alerts are then never older than the metrics the dashboard shows beside them, even on
 * a first visit where both are asked for in one batch. The dashboard's list is cached (the
 * `alerts` kind), dropped whenever a computation changes the rows, an alert is acknowledged or
 * the book is written, so it is as current as the database and outlives a database outage like
 * the metrics do; other lists are read from the database.
 */
export async function listAlerts(
  deps: MetricsDeps,
  subject: Subject,
  options: ListAlertsOptions,
): Promise<AlertView[]> {
  await getMetrics(deps, subject);
  const dashboardList =
    options.includeResolved === DASHBOARD_LIST.includeResolved &&
    options.limit === DASHBOARD_LIST.limit;
  if (!dashboardList) return readAlerts(deps.db, subject, options);
  return (await readDashboardAlerts(deps, subject)).value;
}

/**
 * The list the dashboard shows (open alerts, newest 50), from the cache, with the book version
 * it was read at. Read it after the metrics: the valuation brings the rows in line.
 */
export function readDashboardAlerts(deps: MetricsDeps, subject: Subject) {
  return readBook(deps, "alerts", subject, () => readAlerts(deps.db, subject, DASHBOARD_LIST));
}

async function readAlerts(
  db: TenantDb,
  subject: Subject,
  options: ListAlertsOptions,
): Promise<AlertView[]> {
  const rows = await db.riskAlert.findMany({
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
