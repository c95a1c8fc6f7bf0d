/** Number formats of the dashboard, one place so every screen writes money the same way. */

export function money(value: number, currency = "USD"): string {
  if (!Number.isFinite(value)) return "—";
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    maximumFractionDigits: Math.abs(value) >= 1_000 ? 0 : 2,
  }).format(value);
}

export function signedMoney(value: number, currency = "USD"): string {
  if (!Number.isFinite(value)) return "—";
  return `${value > 0 ? "+" : ""}${money(value, currency)}`;
}

/** 0.1234 → "12.3%". */
export function percent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return "—";
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function decimal(value: number, digits = 2): string {
  if (value === Number.POSITIVE_INFINITY) return "∞";
  if (!Number.isFinite(value)) return "—";
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export function quantity(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: 4 });
}

/** "just now", "12 s ago", "3 min ago". */
export function ago(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 2) return "just now";
  if (seconds < 90) return `${seconds} s ago`;
  return `${Math.round(seconds / 60)} min ago`;
}

const LIMIT_NAMES: Record<string, string> = {
  MAX_GROSS_EXPOSURE: "Gross exposure",
  MAX_NET_EXPOSURE: "Net exposure",
  MAX_LEVERAGE: "Leverage",
  MAX_POSITION_NOTIONAL: "Position notional",
  MAX_CONCENTRATION: "Concentration",
  MAX_VAR: "Value at risk",
  MAX_DRAWDOWN: "Drawdown",
  MAX_DAILY_LOSS: "Daily loss",
};

export function limitName(type: string, symbol?: string | null): string {
  const name = LIMIT_NAMES[type] ?? type;
  return symbol ? `${name} (${symbol})` : name;
}

/** Limits measured as a fraction or a ratio rather than in currency. */
export function limitValue(type: string, value: number, currency = "USD"): string {
  if (type === "MAX_LEVERAGE") return `${decimal(value)}×`;
  if (type === "MAX_CONCENTRATION" || type === "MAX_DRAWDOWN") return percent(value);
  return money(value, currency);
}

// A fixed zone: the server renders the first paint, the browser hydrates it, and both must
// write the same time whatever zone each machine is in.
const WHEN = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

/** "3 Mar 2026, 14:05:09 UTC". */
export function whenOf(date: Date): string {
  return `${WHEN.format(date)} UTC`;
}
