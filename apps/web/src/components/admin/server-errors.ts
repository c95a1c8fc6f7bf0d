import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { errorCode, fieldErrorsOf } from "~/lib/errors.ts";

/**
 * Puts a BAD_REQUEST's field errors under the form's own fields, so the server's refusal reads
 * like the browser's. Returns whether every error found a field: when not (an error about the
 * version or the id, or none at all), the caller shows the error as a sentence instead.
 */
export function applyServerErrors<Values extends FieldValues>(
  error: unknown,
  fields: readonly Path<Values>[],
  setError: UseFormSetError<Values>,
): boolean {
  if (errorCode(error) !== "BAD_REQUEST") return false;
  const entries = Object.entries(fieldErrorsOf(error));
  let unplaced = entries.length === 0;
  for (const [field, messages] of entries) {
    const target = fields.find((name) => name === field);
    if (target && messages[0]) setError(target, { type: "server", message: messages[0] });
    else unplaced = true;
  }
  return !unplaced;
}
