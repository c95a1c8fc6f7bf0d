import type {
  ExcludedPosition,
  ExclusionReason,
  Holding,
  InstrumentQuote,
  PositionInput,
} from "./types.ts";

export interface Book {
  /** One per instrument, positions on the same instrument summed. */
  holdings: Holding[];
  excluded: ExcludedPosition[];
  gross: number;
  net: number;
  long: number;
  short: number;
  /** Sum of the holdings' day P&L, NaN ones left out. */
  dayPnl: number;
}

/**
 * Values today's positions at last prices. A position whose instrument is unknown, whose price
 * is not a positive finite number, or whose quantity is not finite is listed as excluded, never
 * valued at zero.
 */
export function buildBook(
  positions: readonly PositionInput[],
  instruments: readonly InstrumentQuote[],
): Book {
  const byId = new Map(instruments.map((instrument) => [instrument.id, instrument]));
  const holdingIndex = new Map<string, number>();
  const holdings: Holding[] = [];
  const excluded: ExcludedPosition[] = [];

  for (const position of positions) {
    const instrument = byId.get(position.instrumentId);
    if (!instrument) {
      excluded.push({
        instrumentId: position.instrumentId,
        symbol: null,
        reason: "UNKNOWN_INSTRUMENT",
      });
      continue;
    }
    const reason = exclusionReason(position, instrument);
    if (reason) {
      excluded.push({ instrumentId: position.instrumentId, symbol: instrument.symbol, reason });
      continue;
    }
    const index = holdingIndex.get(instrument.id);
    if (index === undefined) {
      holdingIndex.set(instrument.id, holdings.length);
      holdings.push(newHolding(instrument, position.quantity));
    } else {
      const holding = holdings[index] as Holding;
      holding.quantity += position.quantity;
    }
  }

  let gross = 0;
  let net = 0;
  let long = 0;
  let dayPnl = 0;
  for (const holding of holdings) {
    holding.notional = holding.quantity * holding.price;
    const previousClose = byId.get(holding.instrumentId)?.previousClose ?? Number.NaN;
    holding.dayPnl = Number.isFinite(previousClose)
      ? holding.quantity * (holding.price - previousClose)
      : Number.NaN;
    if (!Number.isNaN(holding.dayPnl)) dayPnl += holding.dayPnl;
    gross += Math.abs(holding.notional);
    net += holding.notional;
    if (holding.notional > 0) long += holding.notional;
  }
  for (const holding of holdings)
    holding.weight = gross > 0 ? Math.abs(holding.notional) / gross : 0;
  return { holdings, excluded, gross, net, long, short: gross - long, dayPnl };
}

function exclusionReason(
  position: PositionInput,
  instrument: InstrumentQuote,
): ExclusionReason | null {
  if (!(Number.isFinite(instrument.lastPrice) && instrument.lastPrice > 0)) return "INVALID_PRICE";
  if (!Number.isFinite(position.quantity)) return "INVALID_QUANTITY";
  return null;
}

function newHolding(instrument: InstrumentQuote, quantity: number): Holding {
  return {
    instrumentId: instrument.id,
    symbol: instrument.symbol,
    sector: instrument.sector,
    quantity,
    price: instrument.lastPrice,
    notional: 0,
    weight: 0,
    dayPnl: 0,
  };
}

/** Largest weight, Herfindahl index Σw², effective number of holdings 1/Σw², and the top five. */
export function concentrationOf(holdings: readonly Holding[]) {
  let herfindahl = 0;
  let largest: Holding | undefined;
  for (const holding of holdings) {
    herfindahl += holding.weight * holding.weight;
    if (!largest || holding.weight > largest.weight) largest = holding;
  }
  const topFive = [...holdings]
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 5)
    .map(({ symbol, notional, weight }) => ({ symbol, notional, weight }));
  return {
    largestWeight: largest?.weight ?? 0,
    largestSymbol: largest?.symbol ?? null,
    herfindahl,
    effectiveN: herfindahl > 0 ? 1 / herfindahl : 0,
    topFive,
  };
}

/** Gross and net exposure per sector, largest first; weight is the sector's share of gross. */
export function sectorsOf(holdings: readonly Holding[], gross: number) {
  const sectors = new Map<string, { sector: string; gross: number; net: number; weight: number }>();
  for (const holding of holdings) {
    const sector = sectors.get(holding.sector) ?? {
      sector: holding.sector,
      gross: 0,
      net: 0,
      weight: 0,
    };
    sector.gross += Math.abs(holding.notional);
    sector.net += holding.notional;
    sectors.set(holding.sector, sector);
  }
  for (const sector of sectors.values()) sector.weight = gross > 0 ? sector.gross / gross : 0;
  return [...sectors.values()].sort((a, b) => b.gross - a.gross);
}
