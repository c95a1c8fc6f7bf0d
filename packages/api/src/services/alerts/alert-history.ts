import type { Prisma } from "@repo/db";
import type { TenantDb } from "../../data/tenant-db.ts";
import { AppError } from "../../errors.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { ALERT_SELECT, type AlertView, toAlertView } from "./alert-view.ts";

export interface AlertHistoryQuery {
  limit: number;
  /** The id of the last alert of the previous page: the page continues after it. */
  cursor?: string | undefined;
}

/**
 * Alerts of the trader strictly after the cursor alert in (raisedAt desc, id desc) order: a
 * keyset, so alerts raised while someone pages never shift or repeat rows.
 */
async function afterCursor(
  db: TenantDb,
  subject: Subject,
  cursor: string,
): Promise<Prisma.RiskAlertWhereInput> {
  const at = await db.riskAlert.findFirst({
    where: { id: cursor, traderId: subject.userId },
    select: { id: true, raisedAt: true },
  });
  if (!at) {
    const message = "This page of the alerts is no longer available. Start from the top.";
    throw new AppError("BAD_REQUEST", message, { cursor: [message] });
  }
  return {
    OR: [{ raisedAt: { lt: at.raisedAt } }, { raisedAt: at.raisedAt, id: { lt: at.id } }],
  };
}

/**
 * One page of the trader's alerts, open and resolved, newest first: when each was raised (at
 * what value against what threshold), who acknowledged it with which note, when it was resolved.
 * Read from the database, as they stand after the latest valuation.
 */
export async function readAlertHistory(
  db: TenantDb,
  subject: Subject,
  query: AlertHistoryQuery,
): Promise<{ alerts: AlertView[]; nextCursor: string | null }> {
  const rows = await db.riskAlert.findMany({
    where: {
      traderId: subject.userId,
      ...(query.cursor !== undefined ? await afterCursor(db, subject, query.cursor) : {}),
    },
    orderBy: [{ raisedAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: ALERT_SELECT,
  });
  const alerts = rows.slice(0, query.limit).map(toAlertView);
  const nextCursor = rows.length > query.limit ? (alerts.at(-1)?.id ?? null) : null;
  return { alerts, nextCursor };
}
