import { z } from "zod";
import { ZEmail, ZId } from "./book.ts";
import { ZDirection, ZPageSize } from "./record.ts";

/** How many addresses a firm's alert email goes to at most. */
export const ALERT_EMAIL_RECIPIENTS_MAX = 20;

/**
 * The firm's webhook: a URL, or "" to have none. Whether the URL is allowed (https; http to
 * this machine only outside production) is checked by the API, which knows the mode it runs in.
 */
export const ZAlertsOutWebhookInput = z.strictObject({
  url: z
    .string({ error: "Enter a URL, or leave it empty for no webhook." })
    .trim()
    .max(2000, "Use at most 2,000 characters."),
});
export type TAlertsOutWebhookInput = z.input<typeof ZAlertsOutWebhookInput>;

/** Who gets an email per event; none (the default) is no email. */
export const ZAlertsOutEmailInput = z.strictObject({
  recipients: z
    .array(ZEmail, { error: "Enter email addresses." })
    .max(ALERT_EMAIL_RECIPIENTS_MAX, `Use at most ${ALERT_EMAIL_RECIPIENTS_MAX} addresses.`),
});
export type TAlertsOutEmailInput = z.input<typeof ZAlertsOutEmailInput>;

/** The browser's field: addresses separated by commas, spaces or lines. */
export function recipientsOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((address) => address.trim())
    .filter((address) => address.length > 0);
}

export const ZAlertsOutDeliveriesInput = z.strictObject({
  limit: ZPageSize("delivery", 100).default(25),
  /** The last delivery of the page before: the page after it, newest first. */
  cursor: ZId.optional(),
  direction: ZDirection,
});
export type TAlertsOutDeliveriesInput = z.input<typeof ZAlertsOutDeliveriesInput>;

/**
 * The browser's email form: one text box of addresses separated by commas, spaces or lines,
 * checked address by address with the API's schema so both refuse alike.
 */
export const ZAlertsOutEmailForm = z
  .strictObject({ recipients: z.string().max(20 * 330, "That is too long a list.") })
  .transform(({ recipients }, ctx) => {
    const parsed = ZAlertsOutEmailInput.safeParse({ recipients: recipientsOf(recipients) });
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const address =
      typeof issue?.path[1] === "number" ? recipientsOf(recipients)[issue.path[1]] : null;
    ctx.addIssue({
      code: "custom",
      path: ["recipients"],
      message: address ? `${address}: ${issue?.message}` : (issue?.message ?? "Check the list."),
    });
    return z.NEVER;
  });
