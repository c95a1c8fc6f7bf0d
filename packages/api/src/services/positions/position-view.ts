import type { Prisma } from "@repo/db";

/** Only what the position screens show: an explicit select, so no column leaks by accident. */
export const POSITION_SELECT = {
  id: true,
  quantity: true,
  averagePrice: true,
  openedAt: true,
  closedAt: true,
  instrument: { select: { symbol: true, name: true, sector: true, lastPrice: true } },
} as const satisfies Prisma.PositionSelect;

type PositionRow = Prisma.PositionGetPayload<{ select: typeof POSITION_SELECT }>;

/** A position valued at its instrument's last price, in plain numbers. */
export interface PositionView {
  id: string;
  symbol: string;
  name: string;
  sector: string;
  /** Signed: a short position is negative. */
  quantity: number;
  averagePrice: number;
  lastPrice: number;
  /** quantity × last price: negative for a short. */
  notional: number;
  /** quantity × (last price − average price): a short gains when the price falls. */
  unrealisedPnl: number;
  openedAt: Date;
  closedAt: Date | null;
}

export function toPositionView(row: PositionRow): PositionView {
  const quantity = row.quantity.toNumber();
  const averagePrice = row.averagePrice.toNumber();
  const lastPrice = row.instrument.lastPrice.toNumber();
  return {
    id: row.id,
    symbol: row.instrument.symbol,
    name: row.instrument.name,
    sector: row.instrument.sector,
    quantity,
    averagePrice,
    lastPrice,
    notional: quantity * lastPrice,
    unrealisedPnl: quantity * (lastPrice - averagePrice),
    openedAt: row.openedAt,
    closedAt: row.closedAt,
  };
}

/** The audited fields of a position: what it was, not what the market did to it since. */
export function auditedPosition(position: PositionView) {
  return {
    symbol: position.symbol,
    quantity: position.quantity,
    averagePrice: position.averagePrice,
    openedAt: position.openedAt.toISOString(),
    closedAt: position.closedAt ? position.closedAt.toISOString() : null,
  };
}
