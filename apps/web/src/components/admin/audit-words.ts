import { isLimitType, ZScenarioMoves } from "@repo/api/validators";
import { decimal, limitName, limitValue, money, percent, quantity, whenOf } from "~/lib/format.ts";
import type { RouterOutputs } from "~/trpc/types.ts";
import { moveInWords } from "./scenario-form.ts";

export type AuditEvent = RouterOutputs["admin"]["auditLog"]["events"][number];

type Fields = Record<string, unknown>;

const TOLERANCE_NAMES: Record<string, string> = {
  CONSERVATIVE: "Conservative",
  MODERATE: "Moderate",
  AGGRESSIVE: "Aggressive",
};

const FIELD_NAMES: Record<string, string> = {
  riskTolerance: "risk tolerance",
  varConfidence: "VaR confidence",
  lookbackDays: "lookback",
  maxDrawdownTolerance: "max drawdown tolerance",
  type: "type",
  threshold: "threshold",
  warnFraction: "warn at",
  severity: "severity",
  symbol: "symbol",
  active: "active",
  quantity: "quantity",
  averagePrice: "average price",
  closedAt: "closed",
  closePrice: "close price",
  failedAttempts: "failed sign-ins",
  pausedAddresses: "addresses paused",
  pausedEverywhere: "paused everywhere",
  name: "name",
  moves: "moves",
  email: "email",
  role: "role",
  startingCash: "starting cash",
  limitsCopiedFrom: "limits copied from",
  limitsCopied: "limits copied",
  password: "password",
};

const ROLE_NAMES: Record<string, string> = { TRADER: "Trader", ADMIN: "Admin" };

/** Which password a person signs in with (the audit records the kind, never the password). */
const PASSWORD_KINDS: Record<string, string> = { own: "their own", temporary: "temporary" };

/** What an audit event is about, in words: the audit log's "Kind" filter and its rows. */
export const ENTITY_NAMES: Record<AuditEvent["entity"], string> = {
  PROFILE: "Risk profile",
  LIMIT: "Limit",
  POSITION: "Position",
  SIGN_IN: "Sign-in",
  STRESS_SCENARIO: "Scenario",
  USER: "Account",
  IMPORT: "Import",
};

/** What was done, in words (a position is "opened" and "closed" rather than created, changed). */
export const ACTION_NAMES: Record<AuditEvent["action"], string> = {
  CREATE: "created",
  UPDATE: "changed",
  DELETE: "deleted",
};

/** Bookkeeping fields that change with every save and say nothing to the reader. */
const SILENT = new Set(["version", "openedAt"]);

function fieldsOf(value: unknown): Fields | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Fields) : null;
}

/** One audited value in words: "2.50×", "80%", "Hard", "yes", "—". */
function valueInWords(field: string, value: unknown, limitType: string, timeZone: string): string {
  if (value === null || value === undefined) return "—";
  if (field === "moves") {
    const moves = ZScenarioMoves.safeParse(value);
    return moves.success ? moves.data.map(moveInWords).join(", ") : "—";
  }
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") {
    if (field === "threshold" && isLimitType(limitType)) return limitValue(limitType, value);
    if (field === "warnFraction" || field === "varConfidence") return percent(value, 0);
    if (field === "maxDrawdownTolerance") return percent(value);
    if (field === "lookbackDays") return `${value} days`;
    if (field === "startingCash") return money(value);
    const counts = ["quantity", "failedAttempts", "pausedAddresses", "limitsCopied"];
    if (counts.includes(field)) {
      return quantity(value);
    }
    return decimal(value);
  }
  if (typeof value === "string") {
    if (field === "riskTolerance") return TOLERANCE_NAMES[value] ?? value;
    if (field === "severity") return value === "HARD" ? "Hard" : "Soft";
    if (field === "type" && isLimitType(value)) return limitName(value);
    if (field === "closedAt") return whenOf(new Date(value), timeZone);
    if (field === "role") return ROLE_NAMES[value] ?? value;
    if (field === "password") return PASSWORD_KINDS[value] ?? value;
    return value;
  }
  return "—";
}

/**
 * What was changed, as a sentence's subject: "Limit Leverage", "Position AAPL", "Risk profile",
 * "Sign-in", "Scenario Oil shock".
 */
export function subjectOf(event: AuditEvent): string {
  const fields = fieldsOf(event.after) ?? fieldsOf(event.before) ?? {};
  if (event.entity === "STRESS_SCENARIO") {
    return `${ENTITY_NAMES.STRESS_SCENARIO} ${String(fields.name ?? "")}`.trim();
  }
  if (event.entity === "USER") {
    const name = String(fields.name ?? "");
    if ("password" in fields) return `Password of ${name}`;
    return `${ROLE_NAMES[String(fields.role)] ?? "Person"} ${name}`;
  }
  if (event.entity === "LIMIT") {
    const symbol = typeof fields.symbol === "string" ? fields.symbol : null;
    return isLimitType(fields.type)
      ? `${limitName(fields.type, symbol)} limit`
      : ENTITY_NAMES.LIMIT;
  }
  if (event.entity === "POSITION")
    return `${ENTITY_NAMES.POSITION} ${String(fields.symbol ?? "")}`.trim();
  return ENTITY_NAMES[event.entity];
}

export function actionOf(event: AuditEvent): string {
  // The one change an admin makes to a trader's sign-in: forgetting their failed attempts.
  if (event.entity === "SIGN_IN") return "unlocked";
  if (event.entity === "USER") return personActionOf(event);
  if (event.entity === "POSITION") {
    if (event.action === "CREATE") return "opened";
    if (event.action === "UPDATE" && fieldsOf(event.after)?.closedAt) return "closed";
  }
  return ACTION_NAMES[event.action];
}

/** What was done to a person's account: added, deactivated, reactivated, password reset or changed. */
function personActionOf(event: AuditEvent): string {
  const after = fieldsOf(event.after) ?? {};
  if (event.action === "CREATE") return "added";
  if (after.active === false) return "deactivated";
  if (after.active === true) return "reactivated";
  return after.password === "temporary" ? "reset" : "changed";
}

/**
 * The change in words, one line per field: "threshold 2.50× → 3.00×" for an update, the values
 * set for a creation, the values it had for a deletion. Times are written in `timeZone`.
 */
export function changesOf(event: AuditEvent, timeZone: string): string[] {
  const before = fieldsOf(event.before);
  const after = fieldsOf(event.after);
  const limitType = String((after ?? before)?.type ?? "");
  const said = (field: string, value: unknown) => valueInWords(field, value, limitType, timeZone);
  // A fixed order (FIELD_NAMES's), whatever order the stored JSON kept its keys in.
  const present = Object.keys({ ...before, ...after }).filter((key) => !SILENT.has(key));
  const known = Object.keys(FIELD_NAMES).filter((key) => present.includes(key));
  const keys = [...known, ...present.filter((key) => !(key in FIELD_NAMES))];
  const lines: string[] = [];
  for (const key of keys) {
    const name = FIELD_NAMES[key] ?? key;
    if (before && after) {
      if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
      lines.push(`${name} ${said(key, before[key])} → ${said(key, after[key])}`);
    } else {
      const value = (after ?? before)?.[key];
      // The type and symbol already name the row ("Position notional (QBIT) limit created").
      if (key === "type" || (key === "symbol" && value === null)) continue;
      lines.push(`${name} ${said(key, value)}`);
    }
  }
  if (lines.length === 0 && before && after) {
    return [event.entity === "SIGN_IN" ? "nothing was locked" : "saved without a change"];
  }
  return lines;
}
