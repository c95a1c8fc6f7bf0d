import type { WriteDeps } from "../../deps.ts";
import type { LimitFields } from "../../validators/index.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { invalidateBook } from "../cache/invalidate-book.ts";
import { checkLimitFits } from "./check-limit-fits.ts";
import { insertLimit } from "./insert-limit.ts";
import type { LimitView } from "./limit-view.ts";

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
    return insertLimit(tx, deps.actorId, subject, fields, now);
  });
  await invalidateBook(deps.cache, subject, ["limits", "book"]);
  return created;
}
