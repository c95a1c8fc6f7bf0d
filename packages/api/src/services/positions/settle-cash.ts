import { randomUUID } from "node:crypto";
import { Prisma } from "@repo/db";
import { DEFAULT_CURRENCY } from "@repo/risk-engine";
import type { TenantTx } from "../../data/tenant-db.ts";
import type { Subject } from "../auth/resolve-subject.ts";

/**
 * The cash a trade of `quantity` at `price` moves through the account: a purchase pays
 * quantity × price, a short sale receives it, and closing moves it back at the closing price.
 * Opening at the last price then leaves the net asset value where it was, as it does at a
 * broker; without it every position opened would add its notional to the NAV and make
 * leverage and every NAV-relative limit read lower than the book is.
 */
export function tradeCash(quantity: Prisma.Decimal, price: Prisma.Decimal): Prisma.Decimal {
  return quantity.mul(price).neg();
}

/**
 * Adds `amount` to the trader's cash in the writing transaction (a trader with no account yet
 * gets one in the default currency, starting from 0).
 */
export async function settleCash(
  tx: TenantTx,
  subject: Subject,
  amount: Prisma.Decimal,
): Promise<void> {
  const { count } = await tx.account.updateMany({
    where: { traderId: subject.userId },
    data: { cash: { increment: amount } },
  });
  if (count > 0) return;
  await tx.account.create({
    data: {
      id: randomUUID(),
      tenantId: subject.tenantId,
      traderId: subject.userId,
      cash: new Prisma.Decimal(0).add(amount),
      baseCurrency: DEFAULT_CURRENCY,
    },
  });
}
