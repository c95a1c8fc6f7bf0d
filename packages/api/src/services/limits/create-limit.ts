import { randomUUID } from "node:crypto";
import type { WriteDeps } from "../../deps.ts";
import type { LimitFields } from "../../validators/index.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { invalidateBook } from "../cache/invalidate-book.ts";
import { checkLimitFits } from "./check-limit-fits.ts";
import { auditedLimit, LIMIT_SELECT, type LimitView, toLimitView } from "./limit-view.ts";

/**
 * Adds a limit to the trader's book and audits it in the same transaction; once committed, the
 * cached list and the metrics (which measure every active limit) are dropped. A symbol the firm
 * does not trade, or a second limit of the same type and symbol, is refused (check-limit-fits).
 */
export async function createLimit(
  deps: WriteDeps,
  subject: Subject,
  fields: LimitFields,
): Promise<LimitView> {
  const now = deps.clock();
  const created = await deps.db.$transaction(async (tx) => {
    await checkLimitFits(tx, subject, fields);
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
        actorId: deps.actorId,
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
  });
  await invalidateBook(deps.cache, subject, ["limits", "book"]);
  return created;
}
