import type { ApiCache } from "../../cache-policy.ts";
import type { Clock } from "../../clock.ts";
import type { TenantDb } from "../../data/tenant-db.ts";
import { AppError, notFound } from "../../errors.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { type AlertView, findAlert } from "./alert-view.ts";

/**
 * Records who acknowledged the alert, when and why. An alert is acknowledged once: a second
 * acknowledgement (say, from another tab or an admin at the same moment) is CONFLICT and keeps
 * the first one's note.
 */
export async function acknowledgeAlert(
  deps: { db: TenantDb; cache: ApiCache; clock: Clock; actorId: string },
  subject: Subject,
  input: { alertId: string; note: string },
): Promise<AlertView> {
  // The "not yet acknowledged" filter makes the check and the write one statement.
  const { count } = await deps.db.riskAlert.updateMany({
    where: { id: input.alertId, traderId: subject.userId, acknowledgedAt: null },
    data: {
      acknowledgedAt: deps.clock(),
      acknowledgedById: deps.actorId,
      acknowledgeNote: input.note,
    },
  });
  if (count > 0) await deps.cache.invalidate("alerts", subject);
  const alert = await findAlert(deps.db, subject, input.alertId);
  if (!alert) throw notFound("The alert");
  if (count === 0) {
    throw new AppError(
      "CONFLICT",
      `This alert was already acknowledged by ${alert.acknowledgedBy ?? "someone else"}.`,
    );
  }
  return alert;
}
