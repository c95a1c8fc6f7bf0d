import type { AuditAction, AuditEntity, Prisma } from "@repo/db";
import type { z } from "zod";
import type { TenantDb } from "../../data/tenant-db.ts";
import { AppError, notFound } from "../../errors.ts";
import type { ZAuditLogInput } from "../../validators/index.ts";

export type AuditLogQuery = z.output<typeof ZAuditLogInput>;

export interface AuditLogEntry {
  id: string;
  createdAt: Date;
  actor: { id: string; name: string };
  /** Null for a change to the whole firm (a stress scenario). */
  trader: { id: string; name: string } | null;
  entity: AuditEntity;
  entityId: string;
  action: AuditAction;
  before: Prisma.JsonValue;
  after: Prisma.JsonValue;
}

const AUDIT_SELECT = {
  id: true,
  createdAt: true,
  entity: true,
  entityId: true,
  action: true,
  before: true,
  after: true,
  actor: { select: { id: true, name: true } },
  trader: { select: { id: true, name: true } },
} as const satisfies Prisma.AuditEventSelect;

/**
 * Events strictly after the cursor event in (createdAt desc, id desc) order: a stable keyset, so
 * an event written while the admin pages never shifts or repeats rows.
 */
async function afterCursor(db: TenantDb, cursor: string): Promise<Prisma.AuditEventWhereInput> {
  const at = await db.auditEvent.findFirst({
    where: { id: cursor },
    select: { id: true, createdAt: true },
  });
  if (!at) {
    const message = "This page of the audit log is no longer available. Start from the top.";
    throw new AppError("BAD_REQUEST", message, { cursor: [message] });
  }
  return {
    OR: [{ createdAt: { lt: at.createdAt } }, { createdAt: at.createdAt, id: { lt: at.id } }],
  };
}

/** A trader or a person of the tenant asked for by id: another tenant's answers as no one's. */
async function checkPerson(db: TenantDb, id: string, traderOnly: boolean): Promise<void> {
  const person = await db.user.findFirst({
    where: { id, ...(traderOnly ? { role: "TRADER" as const } : {}) },
    select: { id: true },
  });
  if (!person) throw notFound(traderOnly ? "The trader" : "The person");
}

/** The filters as a where clause; a filter left out selects everything. */
function filtersOf(query: AuditLogQuery): Prisma.AuditEventWhereInput {
  const { traderId, actorId, entity, action, entityId, from, to } = query;
  return {
    ...(traderId !== undefined ? { traderId } : {}),
    ...(actorId !== undefined ? { actorId } : {}),
    ...(entity !== undefined ? { entity } : {}),
    ...(action !== undefined ? { action } : {}),
    ...(entityId !== undefined ? { entityId } : {}),
    ...(from !== undefined || to !== undefined
      ? {
          createdAt: {
            ...(from !== undefined ? { gte: new Date(from) } : {}),
            ...(to !== undefined ? { lt: new Date(to) } : {}),
          },
        }
      : {}),
  };
}

/** One page of the tenant's audit log, newest first; `nextCursor` is null on the last page. */
export async function listAuditLog(
  db: TenantDb,
  query: AuditLogQuery,
): Promise<{ events: AuditLogEntry[]; nextCursor: string | null }> {
  if (query.traderId !== undefined) await checkPerson(db, query.traderId, true);
  if (query.actorId !== undefined) await checkPerson(db, query.actorId, false);
  const filters = filtersOf(query);
  const where: Prisma.AuditEventWhereInput =
    query.cursor !== undefined ? { AND: [filters, await afterCursor(db, query.cursor)] } : filters;
  // One row more than the page tells whether another page follows.
  const rows = await db.auditEvent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: AUDIT_SELECT,
  });
  const events = rows.slice(0, query.limit);
  const nextCursor = rows.length > query.limit ? (events.at(-1)?.id ?? null) : null;
  return { events, nextCursor };
}
