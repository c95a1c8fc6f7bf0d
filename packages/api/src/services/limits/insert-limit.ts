import { randomUUID } from "node:crypto";
import type { TenantTx } from "../../data/tenant-db.ts";
import type { LimitFields } from "../../validators/index.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { auditedLimit, LIMIT_SELECT, type LimitView, toLimitView } from "./limit-view.ts";

/**
 * Writes a new limit of the subject's book and its CREATE audit record, inside the caller's
 * transaction: the one way a limit comes to be, whether an admin adds it or a new trader's book
 * copies it. Checking that it fits the book is the caller's.
 */
export async function insertLimit(
  tx: TenantTx,
  actorId: string,
  subject: Subject,
  fields: LimitFields,
  now: Date,
): Promise<LimitView> {
  const row = await tx.riskLimit.create({
    data: {
      id: randomUUID(),
      tenantId: subject.tenantId,
      traderId: subject.userId,
      ...fields,
      createdAt: now,
      updatedAt: now,
    },
    select: LIMIT_SELECT,
  });
  const limit = toLimitView(row);
  await recordAudit(
    tx,
    {
      actorId,
      subject,
      entity: "LIMIT",
      entityId: limit.id,
      action: "CREATE",
      before: null,
      after: auditedLimit(limit),
    },
    now,
  );
  return limit;
}
