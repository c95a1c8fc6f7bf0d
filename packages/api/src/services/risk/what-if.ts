import { Prisma } from "@repo/db";
import {
  DEFAULT_CURRENCY,
  type LimitUtilisation,
  limitName,
  type RiskMetrics,
} from "@repo/risk-engine";
import type { ServiceDeps } from "../../deps.ts";
import { AppError } from "../../errors.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { tradeCash } from "../positions/settle-cash.ts";
import { refuseUnpriced } from "../positions/tradable-price.ts";
import { valueBook } from "./compute-metrics.ts";
import { readValuationInputs } from "./get-metrics.ts";

/** A position the trader might open: what positions.open takes. */
export interface Trade {
  symbol: string;
  /** Signed: negative opens a short. */
  quantity: number;
}

/** The numbers a trade moves, before and after it. */
export interface BookFigures {
  nav: number;
  gross: number;
  net: number;
  leverage: number;
  historicalVaR: number;
  historicalCVaR: number;
  score: number;
}

/** One active limit before and after the trade. */
export interface LimitChange {
  id: string;
  name: string;
  type: LimitUtilisation["type"];
  severity: LimitUtilisation["severity"];
  threshold: number;
  before: Pick<LimitUtilisation, "measured" | "utilisation" | "status">;
  after: Pick<LimitUtilisation, "measured" | "utilisation" | "status">;
  /** At or past the limit after the trade, and further than before: what the trade breaches. */
  breachedByTrade: boolean;
}

export interface WhatIf {
  trade: Trade & { price: number; notional: number };
  currency: string;
  before: BookFigures;
  after: BookFigures;
  limits: LimitChange[];
}

/**
 * The book valued as it is and as it would be with `trade` opened at the last price and paid
 * for from the cash, from the
 * same cached book, market and histories a poll uses (one instrument read, by symbol): fast
 * enough to answer as the trader types. Writes nothing, raises no alert.
 */
export async function valueTrade(
  deps: ServiceDeps,
  subject: Subject,
  trade: Trade,
): Promise<WhatIf> {
  const instrument = await deps.db.instrument.findFirst({
    where: { symbol: trade.symbol },
    select: { id: true, symbol: true, sector: true, lastPrice: true },
  });
  if (!instrument) {
    const message = `There is no instrument ${trade.symbol}.`;
    throw new AppError("NOT_FOUND", message, { symbol: [message] });
  }
  refuseUnpriced(instrument);
  const inputs = await readValuationInputs(deps, subject);
  const price = inputs.market.quotes[instrument.id]?.lastPrice ?? Number.NaN;
  const quantity = new Prisma.Decimal(trade.quantity);
  const { account } = inputs.book;
  // Paid for from the cash, as positions.open does (settle-cash.ts): the NAV stays, the
  // exposures and what is measured against the NAV move.
  const cash = (account?.cash ?? new Prisma.Decimal(0)).add(
    Number.isFinite(price) ? tradeCash(quantity, new Prisma.Decimal(price)) : 0,
  );
  const traded = {
    ...inputs.book,
    account: { baseCurrency: account?.baseCurrency ?? DEFAULT_CURRENCY, cash },
    positions: [...inputs.book.positions, { quantity, instrument }],
  };
  const [before, after] = await Promise.all([
    valueBook(deps, subject, inputs),
    valueBook(deps, subject, { ...inputs, book: traded }),
  ]);
  return {
    trade: { ...trade, price, notional: trade.quantity * price },
    currency: inputs.book.account?.baseCurrency ?? DEFAULT_CURRENCY,
    before: figuresOf(before),
    after: figuresOf(after),
    limits: after.limits.map((limit) => changeOf(before.limits, limit)),
  };
}

function figuresOf(metrics: RiskMetrics): BookFigures {
  return {
    nav: metrics.nav,
    gross: metrics.exposure.gross,
    net: metrics.exposure.net,
    leverage: metrics.leverage,
    historicalVaR: metrics.risk.historicalVaR,
    historicalCVaR: metrics.risk.historicalCVaR,
    score: metrics.score.value,
  };
}

function changeOf(beforeLimits: readonly LimitUtilisation[], after: LimitUtilisation): LimitChange {
  const before = beforeLimits.find((limit) => limit.id === after.id) ?? after;
  const pick = ({ measured, utilisation, status }: LimitUtilisation) => ({
    measured,
    utilisation,
    status,
  });
  return {
    id: after.id,
    name: limitName(after.type, after.symbol),
    type: after.type,
    severity: after.severity,
    threshold: after.threshold,
    before: pick(before),
    after: pick(after),
    breachedByTrade: after.utilisation >= 1 && !(after.utilisation <= before.utilisation),
  };
}
