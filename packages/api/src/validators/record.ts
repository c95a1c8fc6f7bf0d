import { z } from "zod";
import { ZId } from "./book.ts";

/**
 * The audit log's filters, in the browser's form and in the API. The form holds calendar days
 * (`<input type="date">`); the browser turns them into the instants its own time zone starts
 * and ends them at, and the API receives those instants. Both refuse an end before the start
 * with one message.
 */

/** What an audit event can be about, as the database names them. */
export const AUDIT_ENTITIES = [
  "PROFILE",
  "LIMIT",
  "POSITION",
  "SIGN_IN",
  "STRESS_SCENARIO",
  "USER",
  "IMPORT",
  "API_TOKEN",
  "PRICE_SOURCE",
  "ALERT_SETTINGS",
] as const;
export const AUDIT_ACTIONS = ["CREATE", "UPDATE", "DELETE"] as const;
export const ZAuditEntity = z.enum(AUDIT_ENTITIES, { error: "Choose a kind from the list." });
export const ZAuditAction = z.enum(AUDIT_ACTIONS, { error: "Choose an action from the list." });

export const RANGE_ORDER_MESSAGE = "The end date must be on or after the start date.";

/** Largest audit page, and how many events a CSV export reads at most (all pages together). */
export const AUDIT_PAGE_MAX = 200;
export const AUDIT_EXPORT_MAX = 5_000;

export const ZPageSize = (what: string, max: number) =>
  z
    .number({ error: "Enter a number." })
    .int("Enter a whole number.")
    .min(1, `Ask for at least 1 ${what}.`)
    .max(max, `Ask for at most ${max} ${what}s.`);

const ZInstant = z.iso.datetime({ offset: true, error: "Enter a date." });

/**
 * What the browser's infinite queries add to each page's input. Pages are read forward only
 * (newest first, each after the last one's cursor), so it changes nothing.
 */
export const ZDirection = z.enum(["forward", "backward"]).optional();

/** The filters the API applies; each one left out selects everything. */
export const ZAuditLogInput = z
  .strictObject({
    /** Changes to this trader's book (or account). */
    traderId: ZId.optional(),
    /** Changes made by this person. */
    actorId: ZId.optional(),
    entity: ZAuditEntity.optional(),
    action: ZAuditAction.optional(),
    /** One limit's (or position's, scenario's…) own history, its deletion included. */
    entityId: ZId.optional(),
    /** From this instant, inclusive. */
    from: ZInstant.optional(),
    /** Before this instant, exclusive. */
    to: ZInstant.optional(),
    limit: ZPageSize("event", AUDIT_PAGE_MAX).default(50),
    cursor: ZId.optional(),
    direction: ZDirection,
  })
  .refine((input) => !input.from || !input.to || Date.parse(input.from) < Date.parse(input.to), {
    path: ["to"],
    message: RANGE_ORDER_MESSAGE,
  })
  .optional()
  .default({ limit: 50 });
export type TAuditLogInput = z.input<typeof ZAuditLogInput>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar day of the form, or "" for no bound. */
const ZDay = z
  .string()
  .refine(
    (day) => day === "" || (DAY.test(day) && !Number.isNaN(Date.parse(day))),
    "Enter a date.",
  );
const orAll = <T extends z.ZodType>(schema: T) => z.union([z.literal(""), schema]);

/** The audit page's filter form: "" in a field means "any". */
export const ZAuditFilterForm = z
  .strictObject({
    actorId: orAll(ZId),
    entity: orAll(ZAuditEntity),
    action: orAll(ZAuditAction),
    from: ZDay,
    to: ZDay,
  })
  .refine((form) => !form.from || !form.to || form.from <= form.to, {
    path: ["to"],
    message: RANGE_ORDER_MESSAGE,
  });
export type TAuditFilterForm = z.infer<typeof ZAuditFilterForm>;

/** A trader's alerts, raised, acknowledged and resolved, newest first, a page at a time. */
export const ZAlertsHistoryInput = z
  .strictObject({
    traderId: ZId.optional(),
    limit: ZPageSize("alert", 100).default(20),
    cursor: ZId.optional(),
    direction: ZDirection,
  })
  .prefault({});
