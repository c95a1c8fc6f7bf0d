/**
 * Number and time formats of every screen, one place so they all write money and times the same
 * way. Money comes from the risk engine, where the limits and the pre-trade refusal write it too.
 */
import { DEFAULT_CURRENCY, type MoneyPrecision, money } from "@repo/api/validators";

export { DEFAULT_CURRENCY, limitName, limitValue, money } from "@repo/api/validators";

/** "+$1,409", "-$630": a change, with its sign either way. */
export function signedMoney(
  value: number,
  currency = DEFAULT_CURRENCY,
  precision: MoneyPrecision = "whole",
): string {
  if (!Number.isFinite(value)) return "—";
  return `${value > 0 ? "+" : ""}${money(value, currency, precision)}`;
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

/** The zone the server writes times in: the browser rewrites them in its own (use-time-zone.ts). */
export const SERVER_TIME_ZONE = "UTC";

const formats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone and style, made once: formatting a time is then cheap. */
function formatIn(timeZone: string, dateStyle: "medium" | undefined): Intl.DateTimeFormat {
  const key = `${timeZone} ${dateStyle ?? "time"}`;
  let format = formats.get(key);
  if (!format) {
    // "long" ends the time with its zone: "UTC", "CET", "GMT-5".
    format = new Intl.DateTimeFormat("en-GB", { dateStyle, timeStyle: "long", timeZone });
    formats.set(key, format);
  }
  return format;
}

/** "3 Mar 2026, 14:05:09 CET": a moment, in the viewer's zone, which it names. */
export function whenOf(date: Date, timeZone: string): string {
  return formatIn(timeZone, "medium").format(date);
}

const minutes = new Map<string, Intl.DateTimeFormat>();

/** "14:05": a chart's tick, in the viewer's zone (the chart's caption names it). */
export function minuteOf(date: Date, timeZone: string): string {
  let format = minutes.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeStyle: "short", timeZone });
    minutes.set(timeZone, format);
  }
  return format.format(date);
}

/** "14:05:09 CET": a moment of today, in the viewer's zone, which it names. */
export function timeOf(date: Date, timeZone: string): string {
  return formatIn(timeZone, undefined).format(date);
}
