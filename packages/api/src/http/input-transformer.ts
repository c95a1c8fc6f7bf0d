import superjson from "superjson";
import { AppError } from "../errors.ts";
import { MAX_INPUT_DEPTH, MAX_INPUT_VALUES } from "./limits.ts";

/**
 * The server's reader of call inputs, in place of superjson's. The client sends superjson's
 * `{ json, meta }`, and `meta` tells the reader what to do at paths of `json`; superjson's own
 * reader follows whatever `meta` says, so 50 bytes of it can recurse until the stack overflows
 * (`"values":{"a":"number"}` walks the string "number" character by character, forever).
 *
 * Inputs are objects of strings, numbers, booleans and nulls, so the client's superjson only ever
 * annotates two things in them: a field left `undefined` and a number JSON cannot carry (NaN,
 * ±Infinity). This reader accepts exactly that, checked against `json` before anything is applied,
 * after bounding the input's depth and size. Anything else is refused with 400 and a sentence.
 * Outputs are still written by superjson (Dates, NaN) and read by the client's.
 */
export const inputTransformer = {
  serialize: superjson.serialize,
  deserialize: deserializeInput,
};

const REFUSED = Symbol("refused");
/**
 * The annotations superjson writes for values inputs may hold, each with what `json` must hold
 * where it points and the value it stands for.
 */
const ANNOTATIONS = new Map<unknown, (value: unknown) => unknown>([
  ["undefined", (value) => (value === null || value === undefined ? undefined : REFUSED)],
  [
    "number",
    (value) =>
      value === "NaN" || value === "Infinity" || value === "-Infinity" ? Number(value) : REFUSED,
  ],
]);

/** Keys that name an object's prototype machinery: never a field, refused rather than dropped. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const NOT_ENVELOPE =
  "The input is not in the app's format: send it as {\"json\": …}, as the app's client does.";
const BAD_META =
  "The input's type notes (meta) do not match its values: send it as the app's client does.";

function refuse(message: string): never {
  throw new AppError("BAD_REQUEST", message);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function deserializeInput(envelope: unknown): unknown {
  if (!isPlainObject(envelope) || Object.keys(envelope).some((k) => k !== "json" && k !== "meta")) {
    refuse(NOT_ENVELOPE);
  }
  checkShape(envelope);
  const { json, meta } = envelope;
  if (meta === undefined) return json;
  return applyMeta(json, meta);
}

/**
 * Depth, number of values and forbidden keys of the whole envelope (`json` one level down),
 * checked iteratively: JSON.parse accepts any nesting, and a recursive walk of 50,000 levels
 * would overflow the stack it is guarding.
 */
function checkShape(envelope: unknown) {
  const pending: [unknown, number][] = [[envelope, 0]];
  let values = 0;
  while (pending.length > 0) {
    const [value, depth] = pending.pop() as [unknown, number];
    if (typeof value !== "object" || value === null) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      refuse(
        `The input is nested more than ${MAX_INPUT_DEPTH} levels deep: send only the fields asked for.`,
      );
    }
    if (!Array.isArray(value)) {
      const key = Object.keys(value).find((name) => FORBIDDEN_KEYS.has(name));
      if (key !== undefined) {
        refuse(`The input has a field named "${key}", which is not allowed: remove it.`);
      }
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (++values > MAX_INPUT_VALUES) {
        refuse(
          `The input holds more than ${MAX_INPUT_VALUES} values: send only the fields asked for.`,
        );
      }
      pending.push([child, depth + 1]);
    }
  }
}

/**
 * `meta` as superjson 2 writes it for an input: `{ values, v: 1 }`, where `values` is one
 * annotation of the whole input (`["undefined"]`, for a call without input) or an object of
 * path → annotation. Each path must lead to a value of `json` that the annotation fits.
 */
function applyMeta(json: unknown, meta: unknown): unknown {
  if (!isPlainObject(meta) || Object.keys(meta).some((k) => k !== "values" && k !== "v")) {
    refuse(BAD_META);
  }
  if (meta.v !== undefined && meta.v !== 1) refuse(BAD_META);
  const { values } = meta;
  if (values === undefined) return json;
  if (Array.isArray(values)) return annotated(json, values);
  if (!isPlainObject(values)) refuse(BAD_META);
  const paths = Object.keys(values);
  if (paths.length > MAX_INPUT_VALUES) refuse(BAD_META);
  for (const path of paths) {
    const segments = parsePath(path);
    const key = segments.pop() as string;
    let parent: unknown = json;
    for (const segment of segments) parent = childOf(parent, segment);
    const value = childOf(parent, key);
    (parent as Record<string, unknown>)[key] = annotated(value, values[path]);
  }
  return json;
}

/** The value `annotation` (`["undefined"]` or `["number"]`) makes of `value`. */
function annotated(value: unknown, annotation: unknown): unknown {
  if (!Array.isArray(annotation) || annotation.length !== 1) refuse(BAD_META);
  const apply = ANNOTATIONS.get(annotation[0]);
  const result = apply ? apply(value) : REFUSED;
  if (result === REFUSED) refuse(BAD_META);
  return result;
}

/** An own field of an object or an element of an array; anything else is a path that lies. */
function childOf(parent: unknown, key: string): unknown {
  if (Array.isArray(parent)) {
    if (!/^(0|[1-9]\d*)$/.test(key) || Number(key) >= parent.length) refuse(BAD_META);
    return parent[Number(key)];
  }
  if (!isPlainObject(parent) || !Object.hasOwn(parent, key)) refuse(BAD_META);
  return parent[key];
}

/** superjson 2's path syntax: segments joined by ".", with "\." and "\\" escaping. */
function parsePath(path: string): string[] {
  const segments: string[] = [];
  let segment = "";
  for (let i = 0; i < path.length; i++) {
    const char = path[i];
    if (char === "\\") {
      const escaped = path[i + 1];
      if (escaped !== "\\" && escaped !== ".") refuse(BAD_META);
      segment += escaped;
      i++;
    } else if (char === ".") {
      segments.push(segment);
      segment = "";
    } else {
      segment += char;
    }
  }
  segments.push(segment);
  return segments;
}
