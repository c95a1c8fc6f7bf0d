/** Number formats of the dashboard, one place so every screen writes money the same way. */

export { limitName, limitValue } from "@repo/api/validators";

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

/** A limit's (or the score's) status in words, the same on every screen. */
export const STATUS_TEXT = {
  OK: "OK",
  WARN: "Warning",
  BREACH: "Breach",
  NO_DATA: "No data",
} as const;

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

/** "3 Mar 2026, 15:05:09" in the given IANA zone: the zone is stated once, beside the column. */
export function whenInZone(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone,
  }).format(date);
}
