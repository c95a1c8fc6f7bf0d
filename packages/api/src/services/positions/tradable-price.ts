import type { Prisma } from "@repo/db";
import { AppError } from "../../errors.ts";
import { hasPrice } from "../imports/firm-lookups.ts";

/**
 * Refuses a trade, or a what-if of one, in an instrument an import created and whose closes have
 * not come yet (services/imports/instruments-target.ts): there is no price to pay or value it at.
 */
export function refuseUnpriced(instrument: { symbol: string; lastPrice: Prisma.Decimal }) {
  if (hasPrice(instrument)) return;
  const message = `${instrument.symbol} has no price yet: it can be traded once its closes are imported.`;
  throw new AppError("PRECONDITION_FAILED", message, { symbol: [message] });
}
