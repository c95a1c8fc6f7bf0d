import type { TenantDb, TenantTx } from "../../data/tenant-db.ts";
import type { LimitType } from "../../validators/index.ts";
import type { Subject } from "../auth/resolve-subject.ts";

export const ALERT_SELECT = {
  id: true,
  level: true,
  value: true,
  threshold: true,
  message: true,
  raisedAt: true,
  resolvedAt: true,
  acknowledgedAt: true,
  acknowledgeNote: true,
  acknowledgedBy: { select: { name: true } },
  limit: { select: { id: true, type: true, symbol: true, severity: true } },
} as const;

/** An alert as the dashboard lists it: the limit it is about and who acknowledged it. */
export interface AlertView {
  id: string;
  limit: { id: string; type: LimitType; symbol: string | null; severity: "SOFT" | "HARD" };
  level: "WARN" | "BREACH";
  /** The measured value and the threshold when the alert was raised. */
  value: number;
  threshold: number;
  message: string;
  raisedAt: Date;
  /** Null while the limit is still at this level. */
  resolvedAt: Date | null;
  acknowledgedAt: Date | null;
  /** The name of who acknowledged it (never an email). */
  acknowledgedBy: string | null;
  note: string | null;
}

type AlertRow = Omit<AlertView, "value" | "threshold" | "acknowledgedBy" | "note"> & {
  value: { toNumber(): number };
  threshold: { toNumber(): number };
  acknowledgedBy: { name: string } | null;
  acknowledgeNote: string | null;
};

export function toAlertView({ acknowledgedBy, acknowledgeNote, ...row }: AlertRow): AlertView {
  return {
    ...row,
    value: row.value.toNumber(),
    threshold: row.threshold.toNumber(),
    acknowledgedBy: acknowledgedBy?.name ?? null,
    note: acknowledgeNote,
  };
}

/** The alert `id` of the subject's book, or null when that book has no such alert. */
export async function findAlert(
  db: TenantDb | TenantTx,
  subject: Subject,
  id: string,
): Promise<AlertView | null> {
  const row = await db.riskAlert.findFirst({
    where: { id, traderId: subject.userId },
    select: ALERT_SELECT,
  });
  return row ? toAlertView(row) : null;
}
