import type { Db } from "@repo/db";
import type { LimitStatus, LimitUtilisation } from "@repo/risk-engine";
import { tenantDb } from "../data/tenant-db.ts";
import type { Subject } from "../services/auth/resolve-subject.ts";
import { syncAlerts } from "../services/risk/sync-alerts.ts";

/** A seeded trader with their active limits, for the alerts-out tests. */
export interface TraderLimits {
  subject: Subject;
  limits: { id: string; type: LimitUtilisation["type"]; symbol: string | null }[];
}

export async function traderLimits(db: Db, email: string): Promise<TraderLimits> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const limits = await db.riskLimit.findMany({
    where: { traderId: user.id, active: true },
    select: { id: true, type: true, symbol: true },
    orderBy: { createdAt: "asc" },
  });
  return { subject: { tenantId: user.tenantId, userId: user.id }, limits };
}

const MEASURED: Record<LimitStatus, number> = {
  OK: 10,
  WARN: 85,
  BREACH: 120,
  NO_DATA: Number.NaN,
};

/** What a valuation would measure for a limit at this status (threshold 100, warn at 80%). */
export function measuredAt(
  limit: TraderLimits["limits"][number],
  status: LimitStatus,
): LimitUtilisation {
  const measured = MEASURED[status];
  return {
    ...limit,
    severity: "HARD",
    threshold: 100,
    warnFraction: 0.8,
    measured,
    utilisation: measured / 100,
    status,
  };
}

// A view of the open alerts that never matches: the sync writes every time, as an instance
// whose cached alerts are stale does, so concurrent instances race for real.
const STALE_VIEW = [{ limit: { id: "stale" }, level: "WARN" as const }];

/** One valuation's alert sync of the trader through `db` (one instance's pool). */
export function valueAt(
  db: Db,
  trader: TraderLimits,
  statuses: readonly LimitStatus[],
  now = new Date(),
): Promise<boolean> {
  const limits = trader.limits.map((limit, i) => measuredAt(limit, statuses[i] ?? "OK"));
  return syncAlerts(tenantDb(db, trader.subject.tenantId), trader.subject, limits, STALE_VIEW, now);
}

/** Polls `check` until it holds, failing after a generous deadline (a busy machine is slow). */
export async function eventually<T>(
  check: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  what: string,
  deadlineMs = 30_000,
): Promise<T> {
  const until = Date.now() + deadlineMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const value = await check();
      if (value) return value as T;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}
