import type { AssetClass, Prisma } from "@repo/db";
import type { TenantTx } from "../../data/tenant-db.ts";

/** An instrument of the firm as the imports compare and resolve against it. */
export interface FirmInstrument {
  /** Its place in the firm's list: a small number that keys duplicates compactly. */
  index: number;
  id: string;
  symbol: string;
  name: string;
  sector: string;
  currency: string;
  assetClass: AssetClass;
  lastPrice: Prisma.Decimal;
  lastPriceAt: Date;
}

/**
 * Every instrument of the firm by symbol, read once per import: a firm has hundreds, and a
 * file of hundreds of thousands of rows then resolves each symbol without a query.
 */
export async function loadInstruments(tx: TenantTx): Promise<Map<string, FirmInstrument>> {
  const rows = await tx.instrument.findMany({
    select: {
      id: true,
      symbol: true,
      name: true,
      sector: true,
      currency: true,
      assetClass: true,
      lastPrice: true,
      lastPriceAt: true,
    },
    orderBy: { symbol: "asc" },
  });
  return new Map(rows.map((row, index) => [row.symbol, { ...row, index }]));
}

/** Every trader of the firm (admins hold no book) by email, in lower case. */
export async function loadTraders(
  tx: TenantTx,
): Promise<Map<string, { index: number; id: string }>> {
  const rows = await tx.user.findMany({
    where: { role: "TRADER" },
    select: { id: true, email: true },
    orderBy: { email: "asc" },
  });
  return new Map(rows.map((row, index) => [row.email.toLowerCase(), { index, id: row.id }]));
}

/** An instrument created by an import has no price until its closes are imported (instruments-target.ts). */
export const hasPrice = (instrument: Pick<FirmInstrument, "lastPrice">) =>
  !instrument.lastPrice.isZero();
