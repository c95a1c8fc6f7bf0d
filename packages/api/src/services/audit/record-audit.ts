import { randomUUID } from "node:crypto";
import type { AuditAction, AuditEntity, Prisma } from "@repo/db";
import type { TenantTx } from "../../data/tenant-db.ts";
import type { Subject } from "../auth/resolve-subject.ts";

export interface AuditChange {
  actorId: string;
  /** The trader whose book changed, or the tenant alone (userId null) for a firm-wide change. */
  subject: Pick<Subject, "tenantId"> & { userId: string | null };
  entity: AuditEntity;
  entityId: string;
  action: AuditAction;
  before: Prisma.InputJsonValue | null;
  after: Prisma.InputJsonValue | null;
}

/** Appends the audit row inside the caller's transaction, so a change and its record commit together. */
export async function recordAudit(tx: TenantTx, change: AuditChange, now: Date): Promise<void> {
  await tx.auditEvent.create({
    data: {
      id: randomUUID(),
      tenantId: change.subject.tenantId,
      actorId: change.actorId,
      traderId: change.subject.userId,
      entity: change.entity,
      entityId: change.entityId,
      action: change.action,
      before: change.before ?? undefined,
      after: change.after ?? undefined,
      createdAt: now,
    },
  });
}
