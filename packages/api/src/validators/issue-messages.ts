import type { ZodError, z } from "zod";

/**
 * Zod's own messages ("Invalid input: expected string, received number") are for developers.
 * Every schema here says in its own words what it wants where a trader can get it wrong; for the
 * rest (a field of the wrong type, one that is missing or not expected) these say it plainly.
 *
 * An issue keeps its message unless it is zod's: zod's English messages, and only they, start
 * with "Invalid", "Too big:", "Too small:" or "Unrecognized key" (none of ours may).
 */
const ZOD_WORDING = /^(Invalid\b|Too big:|Too small:|Unrecognized key)/;

export const FIELDS_NOT_VALID = "Some fields are not valid: correct the ones marked and try again.";
const NOT_AN_OBJECT = 'The input must be an object of named fields, such as {"traderId": …}.';
const NOT_EXPECTED = "This field is not expected here: remove it.";

export interface ValidationAnswer {
  message: string;
  fieldErrors: Record<string, string[]>;
}

/** The answer to an input that failed validation: one sentence and the errors per field. */
export function validationAnswer(error: ZodError, input: unknown): ValidationAnswer {
  const fieldErrors: Record<string, string[]> = {};
  const add = (field: string, message: string) => {
    const list = fieldErrors[field] ?? [];
    if (!list.includes(message)) fieldErrors[field] = [...list, message];
  };
  let whole: string | undefined;
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add([...path, key].join("."), NOT_EXPECTED);
    } else if (path.length === 0) {
      whole ??= issue.code === "invalid_type" ? NOT_AN_OBJECT : messageOf(issue, input);
    } else {
      add(path.join("."), messageOf(issue, valueAt(input, path)));
    }
  }
  const message =
    Object.keys(fieldErrors).length > 0 ? FIELDS_NOT_VALID : (whole ?? FIELDS_NOT_VALID);
  return { message, fieldErrors };
}

function valueAt(input: unknown, path: string[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const TYPE_WORDS: Record<string, string> = {
  number: "Enter a number.",
  int: "Enter a whole number.",
  string: "Enter text.",
  boolean: "Choose true or false.",
  object: "Enter a group of fields.",
  array: "Enter a list.",
};

const FORMAT_WORDS: Record<string, string> = {
  uuid: "Must be a valid id.",
  email: "Enter a valid email address.",
  regex: "This value is not in the expected form.",
};

/** One issue in a trader's words, unless its schema already gave it some. */
function messageOf(issue: z.core.$ZodIssue, value: unknown): string {
  if (!ZOD_WORDING.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      if (value === undefined) return "This field is required.";
      return TYPE_WORDS[issue.expected] ?? "This value is of the wrong type.";
    case "invalid_value":
      return issue.values.length === 1
        ? `Must be ${String(issue.values[0])}.`
        : `Choose one of: ${issue.values.map(String).join(", ")}.`;
    case "too_small":
    case "too_big": {
      const bound = String(issue.code === "too_small" ? issue.minimum : issue.maximum);
      const word = issue.code === "too_small" ? "least" : "most";
      if (issue.origin === "string") return `Use at ${word} ${bound} characters.`;
      if (issue.origin === "array" || issue.origin === "set")
        return `Use at ${word} ${bound} items.`;
      if (issue.inclusive === false) {
        return `Must be ${issue.code === "too_small" ? "more" : "less"} than ${bound}.`;
      }
      return `Must be at ${word} ${bound}.`;
    }
    case "invalid_format":
      return FORMAT_WORDS[issue.format] ?? `Enter a valid ${issue.format}.`;
    case "not_multiple_of":
      return `Must be a multiple of ${String(issue.divisor)}.`;
    default:
      return "This value is not valid.";
  }
}
