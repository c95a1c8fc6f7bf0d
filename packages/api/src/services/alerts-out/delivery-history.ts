import type { AlertChannel, AlertDeliveryStatus, Prisma } from "@repo/db";
import type { TenantDb } from "../../data/tenant-db.ts";
import { AppError } from "../../errors.ts";
import { EVENT_TYPES, type EventType } from "./event-payload.ts";

/** One row of the admin's delivery history. */
export interface DeliveryRow {
  id: string;
  eventId: string;
  type: EventType;
  trader: { id: string; name: string };
  channel: AlertChannel;
  status: AlertDeliveryStatus;
  attempts: number;
  lastError: string | null;
  lastStatus: number | null;
  createdAt: Date;
  deliveredAt: Date | null;
  nextAttemptAt: Date | null;
}

/**
 * The firm's deliveries, newest first, a page after `cursor` (keyset on createdAt, id: rows
 * written while the admin pages never shift). Tenant-scoped like every read.
 */
export async function listDeliveries(
  db: TenantDb,
  input: { limit: number; cursor?: string },
): Promise<{ rows: DeliveryRow[]; nextCursor: string | null }> {
  let where: Prisma.AlertDeliveryWhereInput = {};
  if (input.cursor) {
    const at = await db.alertDelivery.findFirst({
      where: { id: input.cursor },
      select: { id: true, createdAt: true },
    });
    if (!at) {
      const message = "This page of the history is no longer available. Start from the top.";
      throw new AppError("BAD_REQUEST", message, { cursor: [message] });
    }
    where = {
      OR: [{ createdAt: { lt: at.createdAt } }, { createdAt: at.createdAt, id: { lt: at.id } }],
    };
  }
  const found = await db.alertDelivery.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: {
      id: true,
      channel: true,
      status: true,
      attempts: true,
      lastError: true,
      lastStatus: true,
      createdAt: true,
      deliveredAt: true,
      nextAttemptAt: true,
      event: { select: { id: true, kind: true, trader: { select: { id: true, name: true } } } },
    },
  });
  const page = found.slice(0, input.limit);
  return {
    rows: page.map(({ event, ...row }) => ({
      ...row,
      eventId: event.id,
      type: EVENT_TYPES[event.kind],
      trader: event.trader,
      nextAttemptAt: row.status === "PENDING" ? row.nextAttemptAt : null,
    })),
    nextCursor: found.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
