import type { AlertEventKind } from "@repo/db";
import { type LimitType, limitName } from "@repo/risk-engine";

/** The `type` of each kind of event on the wire; `alert.test` is the admin's test event. */
export const EVENT_TYPES = {
  RAISED: "alert.raised",
  ESCALATED: "alert.escalated",
  RESOLVED: "alert.resolved",
} as const satisfies Record<AlertEventKind, string>;

export type EventType = (typeof EVENT_TYPES)[AlertEventKind] | "alert.test";

/**
 * The JSON body of a webhook request and what an email describes. The trader is named by id
 * only: the receiver is another system, often a chat channel or an incident tool, and a
 * person's name or email in it would leave the firm's control; the admin maps ids to people.
 */
export interface AlertEventPayload {
  id: string;
  type: EventType;
  createdAt: string;
  firm: { slug: string };
  trader: { id: string };
  alert: {
    id: string;
    limit: { id: string; type: LimitType; symbol: string | null; label: string };
    level: "WARN" | "BREACH";
    value: number;
    threshold: number;
    message: string;
    raisedAt: string;
    resolvedAt: string | null;
    /** On alert.escalated: the WARN alert this BREACH replaced (resolved in the same step). */
    escalatedFrom?: { id: string; level: "WARN" };
  };
}

/** An alert row as the sync wrote it, with its limit. */
export interface AlertFacts {
  id: string;
  traderId: string;
  level: "WARN" | "BREACH";
  value: { toNumber(): number };
  threshold: { toNumber(): number };
  message: string;
  raisedAt: Date;
  resolvedAt: Date | null;
  limit: { id: string; type: LimitType; symbol: string | null };
}

export function eventPayload(
  event: { id: string; kind: AlertEventKind; createdAt: Date },
  firm: { slug: string },
  alert: AlertFacts,
  escalatedFrom?: { id: string },
): AlertEventPayload {
  return {
    id: event.id,
    type: EVENT_TYPES[event.kind],
    createdAt: event.createdAt.toISOString(),
    firm: { slug: firm.slug },
    trader: { id: alert.traderId },
    alert: {
      id: alert.id,
      limit: { ...alert.limit, label: limitName(alert.limit.type, alert.limit.symbol) },
      level: alert.level,
      value: alert.value.toNumber(),
      threshold: alert.threshold.toNumber(),
      message: alert.message,
      raisedAt: alert.raisedAt.toISOString(),
      resolvedAt: alert.resolvedAt?.toISOString() ?? null,
      ...(escalatedFrom ? { escalatedFrom: { id: escalatedFrom.id, level: "WARN" as const } } : {}),
    },
  };
}

/**
 * The payload with its keys in the documented order. PostgreSQL's jsonb keeps keys in an order
 * of its own; receivers must not care, but people read these bodies in logs.
 */
export function inWireOrder(event: AlertEventPayload): AlertEventPayload {
  const { alert } = event;
  return {
    id: event.id,
    type: event.type,
    createdAt: event.createdAt,
    firm: { slug: event.firm.slug },
    trader: { id: event.trader.id },
    alert: {
      id: alert.id,
      limit: {
        id: alert.limit.id,
        type: alert.limit.type,
        symbol: alert.limit.symbol,
        label: alert.limit.label,
      },
      level: alert.level,
      value: alert.value,
      threshold: alert.threshold,
      message: alert.message,
      raisedAt: alert.raisedAt,
      resolvedAt: alert.resolvedAt,
      ...(alert.escalatedFrom ? { escalatedFrom: alert.escalatedFrom } : {}),
    },
  };
}
