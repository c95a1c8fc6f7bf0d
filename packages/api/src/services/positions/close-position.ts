import type { WriteDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { invalidateBook } from "../cache/invalidate-book.ts";
import {
  auditedPosition,
  POSITION_SELECT,
  type PositionView,
  toPositionView,
} from "./position-view.ts";
import { settleCash, tradeCash } from "./settle-cash.ts";

function alreadyClosed(): AppError {
  return new AppError("CONFLICT", "This position is already closed. Reload to see your book.");
}

/**
 * Closes an open position of the book at the instrument's last price, which the account's cash
 * receives (for a short, pays). The update is conditional on the position still being
 * open, so of two concurrent closes PostgreSQL lets exactly one through; the other gets CONFLICT
 * and changes nothing. Audited in the same transaction; the book's metrics are dropped after.
 */
export async function closePosition(
  deps: WriteDeps,
  subject: Subject,
  positionId: string,
): Promise<PositionView> {
  const now = deps.clock();
  const closed = await deps.db.$transaction(async (tx) => {
    const where = { id: positionId, traderId: subject.userId };
    const row = await tx.position.findFirst({ where, select: POSITION_SELECT });
    if (!row) throw notFound("The position");
    if (row.closedAt) throw alreadyClosed();
    const { count } = await tx.position.updateMany({
      where: { ...where, closedAt: null },
      data: { closedAt: now },
    });
    if (count === 0) throw alreadyClosed();
    await settleCash(tx, subject, tradeCash(row.quantity, row.instrument.lastPrice).neg());
    const before = toPositionView(row);
    const after = { ...before, closedAt: now };
    await recordAudit(
      tx,
      {
        actorId: deps.actorId,
        subject,
        entity: "POSITION",
        entityId: positionId,
        action: "UPDATE",
        before: auditedPosition(before),
        // The price the cash was settled at.
        after: { ...auditedPosition(after), closePrice: before.lastPrice },
      },
      now,
    );
    return after;
  });
  await invalidateBook(deps.cache, subject, ["book"]);
  return closed;
}
