import { randomUUID } from "node:crypto";
import { type LimitUtilisation, limitName } from "@repo/risk-engine";
import type { TenantDb } from "../../data/tenant-db.ts";
import { recordAlertEvents } from "../alerts-out/record-events.ts";
import { deliveriesCreated } from "../alerts-out/wake.ts";
import type { Subject } from "../auth/resolve-subject.ts";

// Leverage is +Infinity when NAV ≤ 0; the column holds at most 18 integer digits.
const LARGEST_STORED_VALUE = 1e17;

/** What the outbox needs of an alert the sync wrote (services/alerts-out/record-events.ts). */
const WRITTEN_ALERT = {
  id: true,
  traderId: true,
  limitId: true,
  level: true,
  value: true,
  threshold: true,
  message: true,
  raisedAt: true,
  resolvedAt: true,
} as const;

const LEVELS = { WARN: "WARN", BREACH: "BREACH" } as const;

function describe(limit: LimitUtilisation): string {
  const name = limitName(limit.type, limit.symbol);
  // Only leverage is unbounded: gross over a net asset value that is not positive.
  if (!Number.isFinite(limit.utilisation))
    return `${name} unbounded: net asset value is not positive`;
  return `${name} at ${Math.round(limit.utilisation * 100)}% of its limit`;
}

/** What of an open alert tells which limit and level it is about. */
export type OpenAlert = { limit: { id: string }; level: "WARN" | "BREACH" };

/**
 * The key of an open alert, unique while it is open: PostgreSQL keeps one open alert per limit
 * and level even when two servers value the same book at once.
 */
export function openKeyOf(alert: OpenAlert): string {
  return `${alert.limit.id}:${alert.level}`;
}

/**
 * Raises an alert for every limit at WARN or BREACH and resolves the open alerts whose limit is
 * no longer at that level; writes nothing when the open alerts already match. In the same
 * transaction, records the events the firm's alert destinations are sent (the outbox,
 * services/alerts-out). Returns whether it wrote.
 */
export async function syncAlerts(
  db: TenantDb,
  subject: Subject,
  limits: readonly LimitUtilisation[],
  openAlerts: readonly OpenAlert[],
  now: Date,
): Promise<boolean> {
  const raised = limits.flatMap((limit) => {
    const level =
      limit.status === "WARN" || limit.status === "BREACH" ? LEVELS[limit.status] : null;
    return level ? [{ limit, level, openKey: openKeyOf({ limit, level }) }] : [];
  });
  const openKeys = new Set(openAlerts.map(openKeyOf));
  const unchanged =
    raised.length === openKeys.size && raised.every((alert) => openKeys.has(alert.openKey));
  if (unchanged) return false;
  const deliveries = await db.$transaction(async (tx) => {
    // Only the rows THIS transaction changed come back: a concurrent sync of the same book
    // that resolved or created them first leaves this one nothing, so it records no event.
    const resolved = await tx.riskAlert.updateManyAndReturn({
      where: {
        traderId: subject.userId,
        resolvedAt: null,
        openKey: { notIn: raised.map((alert) => alert.openKey) },
      },
      data: { openKey: null, resolvedAt: now },
      select: WRITTEN_ALERT,
    });
    const created = await tx.riskAlert.createManyAndReturn({
      skipDuplicates: true,
      data: raised.map(({ limit, level, openKey }) => ({
        id: randomUUID(),
        tenantId: subject.tenantId,
        traderId: subject.userId,
        limitId: limit.id,
        level,
        value: Math.min(limit.measured, LARGEST_STORED_VALUE),
        threshold: limit.threshold,
        message: describe(limit),
        raisedAt: now,
        openKey,
      })),
      select: WRITTEN_ALERT,
    });
    return recordAlertEvents(tx, subject.tenantId, resolved, created, now);
  });
  if (deliveries > 0) deliveriesCreated();
  return true;
}
