import { z } from "zod";
import { ZEmail, ZId, ZProfileFields } from "./book.ts";

/** Schemas of the firm's people: adding a trader, passwords. Shared with the admin's forms. */

export const MIN_PASSWORD_LENGTH = 12;

const ZPersonName = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(200, "Use at most 200 characters.");

/** A password someone chooses: long rather than clever (no rules on kinds of character). */
export const ZNewPassword = z
  .string({ error: "Enter a password." })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(200, "Use at most 200 characters.");

/** What a new trader starts with; the profile is the one the admin's profile form edits later. */
export const ZAddTraderFields = z.strictObject({
  name: ZPersonName,
  email: ZEmail,
  startingCash: z
    .number({ error: "Enter an amount." })
    .finite("Enter a finite amount.")
    .min(0, "Cannot be negative.")
    .max(1e12, "Must be at most 1,000,000,000,000.")
    .refine((cash) => Number(cash.toFixed(2)) === cash, "Use at most 2 decimal places."),
  profile: ZProfileFields,
  /** A trader of the firm whose active limits the new trader gets a copy of; null for none. */
  copyLimitsFrom: ZId.nullable(),
});
export type AddTraderFields = z.infer<typeof ZAddTraderFields>;

const ZPasswordChange = z.strictObject({
  currentPassword: z
    .string({ error: "Enter your current password." })
    .min(1, "Enter your current password.")
    .max(200, "Use at most 200 characters."),
  newPassword: ZNewPassword,
});

function differsFromCurrent(fields: z.infer<typeof ZPasswordChange>, ctx: z.RefinementCtx): void {
  if (fields.newPassword === fields.currentPassword) {
    ctx.addIssue({
      code: "custom",
      path: ["newPassword"],
      message: "Choose a password other than your current one.",
    });
  }
}

/** What auth.changePassword takes. */
export const ZChangePasswordInput = ZPasswordChange.superRefine(differsFromCurrent);

/** The change-password form: the same, with the new password typed twice. */
export const ZChangePasswordForm = ZPasswordChange.extend({ confirmPassword: z.string() })
  .superRefine(differsFromCurrent)
  .superRefine((fields, ctx) => {
    if (fields.confirmPassword !== fields.newPassword) {
      ctx.addIssue({
        code: "custom",
        path: ["confirmPassword"],
        message: "This does not match the new password.",
      });
    }
  });

/** The person an admin acts on (deactivate, reactivate, reset the password). */
export const ZPersonInput = z.strictObject({ userId: ZId });
