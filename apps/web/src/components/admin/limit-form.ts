import {
  checkLimitSymbol,
  checkLimitThreshold,
  FRACTION_LIMITS,
  type LimitType,
  SYMBOL_LIMITS,
  ZLimitFields,
  ZLimitType,
} from "@repo/api/validators";
import type { z } from "zod";
import type { RouterOutputs } from "~/trpc/types.ts";

/** A limit as the list returns it, with the version an edit or delete sends back. */
export type LimitView = RouterOutputs["risk"]["limits"]["list"]["limits"][number];

/** The limits' own schema with the server's cross-field checks: the same refusals, same words. */
export const ZLimitForm =
  ZLimitFields.superRefine(checkLimitThreshold).superRefine(checkLimitSymbol);
export type LimitFormInput = z.input<typeof ZLimitForm>;
export type LimitFormOutput = z.output<typeof ZLimitForm>;

export const LIMIT_FORM_FIELDS = [
  "type",
  "threshold",
  "warnFraction",
  "severity",
  "symbol",
  "active",
] as const;

export const LIMIT_TYPES = ZLimitType.options;

export const SEVERITY_NAMES = { HARD: "Hard", SOFT: "Soft" } as const;

/** An empty symbol box means "the whole book" (null), not an invalid symbol. */
export function symbolOrNull(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

export function takesSymbol(type: LimitType): boolean {
  return SYMBOL_LIMITS.has(type);
}

/** What a threshold of this limit is written in, as a hint beside the box. */
export function thresholdUnit(type: LimitType): string {
  if (FRACTION_LIMITS.has(type)) return "fraction of the book, 0.15 for 15%";
  if (type === "MAX_LEVERAGE") return "times NAV";
  return "in the book's currency";
}
