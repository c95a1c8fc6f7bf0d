import type { WriteDeps } from "../../deps.ts";
import { conflict, notFound } from "../../errors.ts";
import type { LimitFields } from "../../validators/index.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { invalidateBook } from "../cache/invalidate-book.ts";
import { checkLimitFits } from "./check-limit-fits.ts";
import { auditedLimit, findLimit, type LimitView } from "./limit-view.ts";

/**
 * Saves the limit if it is still at `version` (else CONFLICT, nothing changed), audits before and
 * after in the same transaction, then drops the cached list and the metrics measured against the
 * old threshold. A limit of another book is NOT_FOUND, as if it did not exist.
 */
export async function updateLimit(
  deps: WriteDeps,
  subject: Subject,
  input: LimitFields & { id: string; version: number },
): Promise<LimitView> {
  const now = deps.clock();
  const { id, version, ...fields } = input;
  const updated = await deps.db.$transaction(async (tx) => {
    const before = await findLimit(tx, subject, id);
    if (!before) throw notFound("The limit");
    // A limit that already shares its type and symbol with another keeps working until one
    // of them is changed or deleted; only a change of what it measures is checked.
    if (before.type !== fields.type || before.symbol !== fields.symbol) {
      await checkLimitFits(tx, subject, fields, id);
    }
    // The version in the filter makes the check and the write one statement: of two writers
    // holding the same version, the second finds no row once the first has committed.
    const { count } = await tx.riskLimit.updateMany({
      where: { id, traderId: subject.userId, version },
      data: { ...fields, version: { increment: 1 }, updatedAt: now },
    });
    if (count === 0) throw conflict("limit");
    const after = (await findLimit(tx, subject, id)) as LimitView;
    await recordAudit(
      tx,
      {
        actorId: deps.actorId,
        subject,
        entity: "LIMIT",
        entityId: id,
        action: "UPDATE",
        before: auditedLimit(before),
        after: auditedLimit(after),
      },
      now,
    );
    return after;
  });
  await invalidateBook(deps.cache, subject, ["limits", "book"]);
  return updated;
}
