import {
  AUDIT_EXPORT_MAX,
  AUDIT_PAGE_MAX,
  type TAuditFilterForm,
  type TAuditLogInput,
} from "@repo/api/validators";
import { whenOf } from "~/lib/format.ts";
import type { RouterOutputs } from "~/trpc/types.ts";
import { type AuditEvent, actionOf, changesOf, ENTITY_NAMES, subjectOf } from "./audit-words.ts";

/** The audit log's filters as the API takes them, without the page. */
export type AuditFilters = Omit<NonNullable<TAuditLogInput>, "cursor" | "limit">;
type AuditPage = RouterOutputs["admin"]["auditLog"];

export const NO_FILTERS: TAuditFilterForm = {
  actorId: "",
  entity: "",
  action: "",
  from: "",
  to: "",
};

/** Midnight starting a calendar day ("2026-12-06") in the browser's own zone. */
function startOfDay(day: string, addDays = 0): string {
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + addDays);
  return date.toISOString();
}

/**
 * The form's filters for the API: each empty field selects everything, and the days become the
 * instants they start and end at in the viewer's zone (the end day is included whole).
 */
export function auditFiltersOf(form: TAuditFilterForm): AuditFilters {
  return {
    ...(form.actorId ? { actorId: form.actorId } : {}),
    ...(form.entity ? { entity: form.entity } : {}),
    ...(form.action ? { action: form.action } : {}),
    ...(form.from ? { from: startOfDay(form.from) } : {}),
    ...(form.to ? { to: startOfDay(form.to, 1) } : {}),
  };
}

/**
 * Every event the filters select, newest first, read a full page at a time, up to
 * AUDIT_EXPORT_MAX: `more` says whether the log held more than were read.
 */
export async function readForExport(
  readPage: (cursor: string | undefined, limit: number) => Promise<AuditPage>,
): Promise<{ events: AuditEvent[]; more: boolean }> {
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const limit = Math.min(AUDIT_PAGE_MAX, AUDIT_EXPORT_MAX - events.length);
    const page = await readPage(cursor, limit);
    events.push(...page.events);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && events.length < AUDIT_EXPORT_MAX);
  return { events, more: cursor !== undefined };
}

/** One CSV row per event: the instant in UTC (ISO 8601) and in the viewer's zone, and words. */
export function auditCsvRows(events: readonly AuditEvent[], zone: string) {
  return events.map((event) => ({
    time_utc: event.createdAt.toISOString(),
    time_local: whenOf(event.createdAt, zone),
    time_zone: zone,
    who: event.actor.name,
    trader: event.trader?.name ?? "",
    kind: ENTITY_NAMES[event.entity],
    what: `${subjectOf(event)} ${actionOf(event)}`,
    change: changesOf(event, zone).join("; "),
    id: event.entityId,
  }));
}
