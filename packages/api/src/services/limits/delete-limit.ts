import type { WriteDeps } from "../../deps.ts";
import { conflict, notFound } from "../../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { invalidateBook } from "../cache/invalidate-book.ts";
import { auditedLimit, findLimit } from "./limit-view.ts";

/**
 * Deletes the limit if it is still at `version` (else CONFLICT) with its alerts (the foreign key
 * cascades), audits what it was in the same transaction, then drops the cached list and metrics.
 */
export async function deleteLimit(
  deps: WriteDeps,
  subject: Subject,
  input: { id: string; version: number },
): Promise<{ id: string }> {
  const now = deps.clock();
  const { id, version } = input;
  await deps.db.$transaction(async (tx) => {
    const before = await findLimit(tx, subject, id);
    if (!before) throw notFound("The limit");
    const { count } = await tx.riskLimit.deleteMany({
      where: { id, traderId: subject.userId, version },
    });
    if (count === 0) throw conflict("limit");
    await recordAudit(
      tx,
      {
        actorId: deps.actorId,
        subject,
        entity: "LIMIT",
        entityId: id,
        action: "DELETE",
        before: auditedLimit(before),
        after: null,
      },
      now,
    );
  });
  await invalidateBook(deps.cache, subject, ["limits", "book"]);
  return { id };
}
