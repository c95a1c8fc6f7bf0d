import { randomUUID } from "node:crypto";
import type { AlertChannel, AlertEventKind, Prisma } from "@repo/db";
import type { TenantTx } from "../../data/tenant-db.ts";
import { type AlertFacts, eventPayload } from "./event-payload.ts";

/** An alert row written by this transaction (created or resolved), before its limit is joined. */
export type WrittenAlert = Omit<AlertFacts, "limit"> & { limitId: string };

/** The channels a firm's settings enable: a webhook URL, email recipients. */
export function enabledChannels(
  settings: { webhookUrl: string | null; emailRecipients: string[] } | null,
): AlertChannel[] {
  if (!settings) return [];
  return [
    ...(settings.webhookUrl ? (["WEBHOOK"] as const) : []),
    ...(settings.emailRecipients.length > 0 ? (["EMAIL"] as const) : []),
  ];
}

interface PlannedEvent {
  kind: AlertEventKind;
  alert: WrittenAlert;
  escalatedFrom?: WrittenAlert;
}

/**
 * What happened, from the rows this transaction resolved and created: a limit whose WARN alert
 * was resolved as its BREACH alert was created escalated (one event); BREACH → WARN is the
 * breach resolved and the warning raised (two facts a receiver acts on apart); the rest were
 * raised or resolved. Resolutions come first, so a receiver closes before it opens.
 */
export function planEvents(
  resolved: readonly WrittenAlert[],
  created: readonly WrittenAlert[],
): PlannedEvent[] {
  const escalations = created.flatMap((alert) => {
    const warn = resolved.find(
      (r) => r.limitId === alert.limitId && r.level === "WARN" && alert.level === "BREACH",
    );
    return warn ? [{ kind: "ESCALATED" as const, alert, escalatedFrom: warn }] : [];
  });
  const replaced = new Set(escalations.map((e) => e.escalatedFrom.id));
  const escalated = new Set(escalations.map((e) => e.alert.id));
  return [
    ...resolved
      .filter((r) => !replaced.has(r.id))
      .map((alert) => ({ kind: "RESOLVED" as const, alert })),
    ...escalations,
    ...created
      .filter((c) => !escalated.has(c.id))
      .map((alert) => ({ kind: "RAISED" as const, alert })),
  ];
}

/**
 * The outbox step of an alert sync, in its transaction: one AlertEvent per event and one
 * AlertDelivery per channel the firm has enabled now. Nothing when no channel is enabled. The
 * rows passed are those THIS transaction wrote (the open-alert key lets only one instance
 * create an alert, and only one resolve it), and (alert, kind) is unique besides, so an event is
 * recorded once however many instances value the book. Returns how many deliveries it created.
 */
export async function recordAlertEvents(
  tx: TenantTx,
  tenantId: string,
  resolved: readonly WrittenAlert[],
  created: readonly WrittenAlert[],
  now: Date,
): Promise<number> {
  const planned = planEvents(resolved, created);
  if (planned.length === 0) return 0;
  const settings = await tx.alertSettings.findUnique({ where: { tenantId } });
  const channels = enabledChannels(settings);
  if (channels.length === 0) return 0;
  const [firm, limits] = await Promise.all([
    tx.tenant.findFirstOrThrow({ select: { slug: true } }),
    tx.riskLimit.findMany({
      where: { id: { in: [...new Set(planned.map((p) => p.alert.limitId))] } },
      select: { id: true, type: true, symbol: true },
    }),
  ]);
  const limitOf = new Map(limits.map((limit) => [limit.id, limit]));
  const rows = planned.flatMap(({ kind, alert, escalatedFrom }) => {
    const limit = limitOf.get(alert.limitId);
    if (!limit) return [];
    const id = randomUUID();
    const payload = eventPayload(
      { id, kind, createdAt: now },
      firm,
      { ...alert, limit },
      escalatedFrom,
    );
    return [
      {
        id,
        tenantId,
        traderId: alert.traderId,
        alertId: alert.id,
        limitId: alert.limitId,
        kind,
        // A plain JSON object by construction (strings, numbers, null, nested objects).
        payload: payload as unknown as Prisma.InputJsonObject,
        createdAt: now,
      },
    ];
  });
  // One statement, so the events' seq follows the planned order (resolutions first).
  const events = await tx.alertEvent.createManyAndReturn({
    data: rows,
    skipDuplicates: true,
    select: { id: true },
  });
  if (events.length === 0) return 0;
  const deliveries = events.flatMap((event) =>
    channels.map((channel) => ({
      id: randomUUID(),
      tenantId,
      eventId: event.id,
      channel,
      nextAttemptAt: now,
      createdAt: now,
    })),
  );
  await tx.alertDelivery.createMany({ data: deliveries, skipDuplicates: true });
  return deliveries.length;
}
