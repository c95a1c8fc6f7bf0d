import type { TenantDb } from "../../data/tenant-db.ts";
import type { ReadDeps } from "../../deps.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { readAlertVersion, type Versioned } from "../cache/book-version.ts";
import { readChecked } from "../cache/read-book.ts";
import { ALERT_SELECT, type AlertView, toAlertView } from "./alert-view.ts";

/** Which alerts to read, newest first. */
export interface AlertsQuery {
  /** Also the alerts whose limit has since gone back below their level. */
  includeResolved: boolean;
  /** At most this many. */
  limit: number;
}

// The id breaks ties between alerts raised by one valuation, so pages never reshuffle.
const NEWEST_FIRST = [{ raisedAt: "desc" }, { id: "desc" }] as const;

/**
 * Every open alert of the trader, newest first, from the cache (the `alerts` kind) with the
 * alerts version it was read at. There is at most one per active limit and level, so the list is
 * as small as the book. Valuations compare it with the limits they measure; an alert raised,
 * resolved or acknowledged drops it, and so does any write to the book.
 */
export function readOpenAlerts(deps: ReadDeps, subject: Subject) {
  return readChecked(deps, "alerts", subject, readAlertVersion, () =>
    loadOpenAlerts(deps.db, subject),
  );
}

/** The open alerts and their version, in one query. */
export async function loadOpenAlerts(
  db: TenantDb,
  subject: Subject,
): Promise<Versioned<AlertView[]>> {
  const trader = await db.user.findUnique({
    where: { id: subject.userId },
    select: {
      alertVersion: true,
      alerts: { where: { resolvedAt: null }, orderBy: [...NEWEST_FIRST], select: ALERT_SELECT },
    },
  });
  // A trader that is gone has no alerts, at version 0 (as readAlertVersion reads it).
  return { version: trader?.alertVersion ?? 0, value: trader?.alerts.map(toAlertView) ?? [] };
}

/** The trader's alerts, resolved ones too if asked, from the database. */
export async function readAlerts(
  db: TenantDb,
  subject: Subject,
  query: AlertsQuery,
): Promise<AlertView[]> {
  const rows = await db.riskAlert.findMany({
    where: {
      traderId: subject.userId,
      ...(query.includeResolved ? {} : { resolvedAt: null }),
    },
    orderBy: [...NEWEST_FIRST],
    take: query.limit,
    select: ALERT_SELECT,
  });
  return rows.map(toAlertView);
}
