import { z } from "zod";

/**
 * Input schemas shared by the procedures and the admin forms, so the browser and the server
 * refuse the same things with the same messages. Every field has a bound.
 */

export const ZId = z.uuid({ error: "Must be a valid id." });

export const ZVersion = z.number().int().min(1).max(2_147_483_647);

export const ZRiskTolerance = z.enum(["CONSERVATIVE", "MODERATE", "AGGRESSIVE"]);

export const ZLimitType = z.enum([
  "MAX_GROSS_EXPOSURE",
  "MAX_NET_EXPOSURE",
  "MAX_LEVERAGE",
  "MAX_POSITION_NOTIONAL",
  "MAX_CONCENTRATION",
  "MAX_VAR",
  "MAX_DRAWDOWN",
  "MAX_DAILY_LOSS",
]);
export type LimitType = z.infer<typeof ZLimitType>;

export const ZLimitSeverity = z.enum(["SOFT", "HARD"]);

/** Limits measured as a fraction of the book, where a threshold above 1 can never bind. */
export const FRACTION_LIMITS: ReadonlySet<LimitType> = new Set([
  "MAX_CONCENTRATION",
  "MAX_DRAWDOWN",
]);

export const ZSymbol = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9.-]{1,16}$/, "Use 1–16 letters, digits, dots or dashes.");

const ZThreshold = z
  .number({ error: "Enter a number." })
  .finite("Enter a finite number.")
  .positive("Must be greater than 0.")
  .max(1e15, "Must be at most 1,000,000,000,000,000.");

const ZWarnFraction = z
  .number({ error: "Enter a number." })
  .gt(0, "Must be between 0 and 1.")
  .lt(1, "Must be between 0 and 1.");

export const ZLimitFields = z.strictObject({
  type: ZLimitType,
  threshold: ZThreshold,
  warnFraction: ZWarnFraction,
  severity: ZLimitSeverity,
  symbol: ZSymbol.nullable(),
  active: z.boolean(),
});
export type LimitFields = z.infer<typeof ZLimitFields>;

/** A fraction limit above 1 is a typo (15 meant 0.15), refused with the field named. */
export function checkLimitThreshold(
  fields: Pick<LimitFields, "type" | "threshold">,
  ctx: z.RefinementCtx,
) {
  if (FRACTION_LIMITS.has(fields.type) && fields.threshold > 1) {
    ctx.addIssue({
      code: "custom",
      path: ["threshold"],
      message: "This limit is a fraction of the book: enter at most 1 (0.15 for 15%).",
    });
  }
}

export const ZProfileFields = z.strictObject({
  riskTolerance: ZRiskTolerance,
  varConfidence: z.union([z.literal(0.95), z.literal(0.99)], { error: "Choose 0.95 or 0.99." }),
  lookbackDays: z
    .number({ error: "Enter a number." })
    .int("Enter a whole number of days.")
    .min(20, "Use at least 20 days.")
    .max(750, "Use at most 750 days."),
  maxDrawdownTolerance: z
    .number({ error: "Enter a number." })
    .gt(0, "Must be between 0 and 1.")
    .lt(1, "Must be between 0 and 1."),
});
export type ProfileFields = z.infer<typeof ZProfileFields>;

export const ZLoginInput = z.strictObject({
  email: z.email("Enter a valid email address.").max(320),
  password: z.string().min(1, "Enter your password.").max(200),
});
