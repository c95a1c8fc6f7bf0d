import { DEFAULT_CURRENCY, money } from "../money.ts";

/**
 * Every kind of limit a book can carry, once: what it is called, what its threshold is written
 * in, the largest threshold that can mean anything, and whether it caps one instrument. The
 * engine measures them (limits.ts), the API's schema bounds them, the web names and formats
 * them from this table. Importable on its own (`@repo/risk-engine/limit-catalog`): no
 * dependencies, so the browser can use it.
 */

/** What a threshold is written in: money, a multiple of NAV, or a fraction of the book. */
export type LimitUnit = "currency" | "times" | "fraction";

export interface LimitKind {
  label: string;
  unit: LimitUnit;
  /** The largest threshold accepted: past it the limit could never bind (or is a typo). */
  max: number;
  /** Whether a limit of this kind may name one instrument. */
  perSymbol: boolean;
}

/** Money thresholds stop where the database's columns (6 decimals) stop being exact. */
const LARGEST_AMOUNT = 1e15;

export const LIMIT_CATALOG = {
  MAX_GROSS_EXPOSURE: {
    label: "Gross exposure",
    unit: "currency",
    max: LARGEST_AMOUNT,
    perSymbol: false,
  },
  MAX_NET_EXPOSURE: {
    label: "Net exposure",
    unit: "currency",
    max: LARGEST_AMOUNT,
    perSymbol: false,
  },
  // Gross over NAV: a hundred times is past any desk's mandate, and 1e9 was a typo that showed.
  MAX_LEVERAGE: { label: "Leverage", unit: "times", max: 100, perSymbol: false },
  MAX_POSITION_NOTIONAL: {
    label: "Position notional",
    unit: "currency",
    max: LARGEST_AMOUNT,
    perSymbol: true,
  },
  MAX_CONCENTRATION: { label: "Concentration", unit: "fraction", max: 1, perSymbol: false },
  MAX_VAR: { label: "Value at risk", unit: "currency", max: LARGEST_AMOUNT, perSymbol: false },
  // The deepest fall over the lookback, as a positive fraction (the card writes it the same way).
  MAX_DRAWDOWN: { label: "Max drawdown", unit: "fraction", max: 1, perSymbol: false },
  MAX_DAILY_LOSS: { label: "Daily loss", unit: "currency", max: LARGEST_AMOUNT, perSymbol: false },
} as const satisfies Record<string, LimitKind>;

export type LimitType = keyof typeof LIMIT_CATALOG;

/** The limit types in the catalog's order (non-empty, for z.enum). */
export const LIMIT_TYPES = Object.keys(LIMIT_CATALOG) as [LimitType, ...LimitType[]];

/** Whether a stored or typed string (an audit record's, say) names a limit type. */
export function isLimitType(value: unknown): value is LimitType {
  return typeof value === "string" && Object.hasOwn(LIMIT_CATALOG, value);
}

/** "Position notional (NVX)", "Leverage": the one name of a limit on every screen and alert. */
export function limitName(type: LimitType, symbol?: string | null): string {
  const { label } = LIMIT_CATALOG[type];
  return symbol ? `${label} (${symbol})` : label;
}

/**
 * A limit's threshold or measure in its unit, as every screen and refusal writes it: "2.50×",
 * "15.0%", "$54,408" (money as every amount is written: see money.ts).
 */
export function limitValue(type: LimitType, value: number, currency = DEFAULT_CURRENCY): string {
  if (!Number.isFinite(value)) return "—";
  const { unit } = LIMIT_CATALOG[type];
  if (unit === "times") return `${value.toFixed(2)}×`;
  if (unit === "fraction") return `${(value * 100).toFixed(1)}%`;
  return money(value, currency);
}
