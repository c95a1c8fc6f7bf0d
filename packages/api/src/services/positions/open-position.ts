import { randomUUID } from "node:crypto";
import type { WriteDeps } from "../../deps.ts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { invalidateBook } from "../cache/invalidate-book.ts";
import {
  auditedPosition,
  POSITION_SELECT,
  type PositionView,
  toPositionView,
} from "./position-view.ts";
import { checkTrade } from "./pre-trade-check.ts";
import { settleCash, tradeCash } from "./settle-cash.ts";
import { refuseUnpriced } from "./tradable-price.ts";

export interface OpenPositionInput {
  symbol: string;
  /** Signed: negative opens a short. */
  quantity: number;
  /** Open it even though it takes a soft limit past 100 % (audited). */
  acceptSoftBreaches?: boolean;
}

/**
 * Opens a position at the instrument's last price, paid from (or for a short, credited to) the
 * account's cash, once the pre-trade check passes (a hard limit
 * it would breach refuses it; a soft one needs `acceptSoftBreaches`), audits it with the soft
 * breaches accepted in the same transaction, then drops the book's metrics (and so the admins'
 * summary) computed without it. The check reads the book as cached before the write: two trades
 * opened at the same instant are each checked without the other.
 */
export async function openPosition(
  deps: WriteDeps,
  subject: Subject,
  input: OpenPositionInput,
): Promise<PositionView> {
  const { acceptedSoftBreaches } = await checkTrade(
    deps,
    subject,
    { symbol: input.symbol, quantity: input.quantity },
    input.acceptSoftBreaches ?? false,
  );
  const now = deps.clock();
  const opened = await deps.db.$transaction(async (tx) => {
    const instrument = await tx.instrument.findFirst({
      where: { symbol: input.symbol },
      select: { id: true, symbol: true, lastPrice: true },
    });
    if (!instrument) {
      const message = `There is no instrument ${input.symbol}.`;
      throw new AppError("NOT_FOUND", message, { symbol: [message] });
    }
    refuseUnpriced(instrument);
    const row = await tx.position.create({
      data: {
        id: randomUUID(),
        tenantId: subject.tenantId,
        traderId: subject.userId,
        instrumentId: instrument.id,
        quantity: input.quantity,
        averagePrice: instrument.lastPrice,
        openedAt: now,
      },
      select: POSITION_SELECT,
    });
    await settleCash(tx, subject, tradeCash(row.quantity, row.averagePrice));
    const position = toPositionView(row);
    await recordAudit(
      tx,
      {
        actorId: deps.actorId,
        subject,
        entity: "POSITION",
        entityId: position.id,
        action: "CREATE",
        before: null,
        after: {
          ...auditedPosition(position),
          ...(acceptedSoftBreaches.length > 0 ? { acceptedSoftBreaches } : {}),
        },
      },
      now,
    );
    return position;
  });
  await invalidateBook(deps.cache, subject, ["book"]);
  return opened;
}
