import type { TenantDb, TenantTx } from "../../data/tenant-db.ts";
import type { LimitFields } from "../../validators/index.ts";
import type { Subject } from "../auth/resolve-subject.ts";

/** What a valuation reads of a limit: the rule alone (the book's limits are the active ones). */
export const LIMIT_RULE_SELECT = {
  id: true,
  type: true,
  threshold: true,
  warnFraction: true,
  severity: true,
  symbol: true,
} as const;

/** A limit as the API answers it (LimitView). */
export const LIMIT_SELECT = {
  ...LIMIT_RULE_SELECT,
  active: true,
  version: true,
  updatedAt: true,
} as const;

/** A risk limit with plain numbers: what the API returns, the cache holds and audits record. */
export interface LimitView extends LimitFields {
  id: string;
  version: number;
  updatedAt: Date;
}

type LimitRow = Omit<LimitView, "threshold" | "warnFraction"> & {
  threshold: { toNumber(): number };
  warnFraction: { toNumber(): number };
};

export function toLimitView(row: LimitRow): LimitView {
  return {
    ...row,
    threshold: row.threshold.toNumber(),
    warnFraction: row.warnFraction.toNumber(),
  };
}

/** The limit `id` of the subject's book, or null when that book has no such limit. */
export async function findLimit(
  db: TenantDb | TenantTx,
  subject: Subject,
  id: string,
): Promise<LimitView | null> {
  const row = await db.riskLimit.findFirst({
    where: { id, traderId: subject.userId },
    select: LIMIT_SELECT,
  });
  return row ? toLimitView(row) : null;
}

/** The audited fields of a limit (no ids or timestamps). */
export function auditedLimit({
  type,
  threshold,
  warnFraction,
  severity,
  symbol,
  active,
  version,
}: LimitView) {
  return { type, threshold, warnFraction, severity, symbol, active, version };
}
