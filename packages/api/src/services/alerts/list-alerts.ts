import type { TenantDb } from "../../data/tenant-db.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { ALERT_SELECT, type AlertView, toAlertView } from "./alert-view.ts";

export interface ListAlertsOptions {
  /** Also the alerts whose limit has since gone back below their level. */
  includeResolved: boolean;
  /** At most this many, newest first. */
  limit: number;
}

/**
 * The trader's alerts, newest first. Read from the database, not the cache: an acknowledgement
 * must show at once, and the rows are kept current by every metrics computation (sync-alerts).
 */
export async function listAlerts(
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
