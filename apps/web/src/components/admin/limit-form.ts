import {
  checkLimitSymbol,
  checkLimitThreshold,
  LIMIT_CATALOG,
  LIMIT_TYPES,
  type LimitType,
  ZLimitFields,
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

export { takesSymbol } from "@repo/api/validators";
export { LIMIT_TYPES };

export const SEVERITY_NAMES = { HARD: "Hard", SOFT: "Soft" } as const;

/** An empty symbol box means "the whole book" (null), not an invalid symbol. */
export function symbolOrNull(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

const UNIT_HINTS = {
  fraction: "fraction of the book, 0.15 for 15%",
  times: "times NAV",
  currency: "in the book's currency",
} as const;

/** What a threshold of this limit is written in, as a hint beside the box. */
export function thresholdUnit(type: LimitType): string {
  return UNIT_HINTS[LIMIT_CATALOG[type].unit];
}
