/**
 * Money as every screen, export and message writes it. One rule per kind of figure, so a column
 * never mixes "$1,409" with "$630.21": amounts (values, exposures, P&L, VaR, thresholds) in whole
 * units, a price to the cent. No dependencies, so the browser imports it too
 * (`@repo/risk-engine/money`).
 */

/** How many decimals a figure is written with: whole units, or cents for a price. */
export type MoneyPrecision = "whole" | "cents";

const DIGITS: Record<MoneyPrecision, number> = { whole: 0, cents: 2 };

/** The currency of a book whose account names none: every book is valued in dollars today. */
export const DEFAULT_CURRENCY = "USD";

/** "$54,408", "-$630", "€1,250,000"; with "cents": "$187.40". A value that is not a number: "—". */
export function money(
  value: number,
  currency = DEFAULT_CURRENCY,
  precision: MoneyPrecision = "whole",
): string {
  if (!Number.isFinite(value)) return "—";
  const digits = DIGITS[precision];
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    // A loss that rounds to nothing is "$0", not "-$0".
    signDisplay: "negative",
  }).format(value);
}
