import type { Freshness } from "@repo/risk-cache";
import superjson, { type SuperJSONResult } from "superjson";

const CACHED_VALUE = Symbol("cached value");
const serializedValues = new WeakMap<object, SuperJSONResult>();

/**
 * A cached value with the freshness of this read, as a procedure returns it, linked to the
 * value it was made from so `serializeOutput` can reuse that value's serialised form.
 */
export function cachedView<T extends object>(
  value: T,
  freshness: Freshness,
): T & { freshness: Freshness } {
  const view = { ...value, freshness };
  Object.defineProperty(view, CACHED_VALUE, { value });
  return view;
}

/**
 * superjson's serialisation of a procedure's answer. A cached view's value is serialised once
 * per value object — an in-process cache hit returns the same object for up to two seconds —
 * and only the freshness on each answer: superjson walks every number of a metrics history,
 * which cost more than everything else in answering a cached request.
 */
export function serializeOutput(data: unknown): SuperJSONResult {
  const value = (data as { [CACHED_VALUE]?: object } | null | undefined)?.[CACHED_VALUE];
  if (value === undefined) return superjson.serialize(data);
  let serialized = serializedValues.get(value);
  if (!serialized) {
    serialized = superjson.serialize(value);
    serializedValues.set(value, serialized);
  }
  const own = superjson.serialize({ freshness: (data as { freshness: Freshness }).freshness });
  // An object's annotations are keyed by path ("freshness.asOf"), so the two sets merge.
  return {
    json: { ...(serialized.json as object), ...(own.json as object) },
    meta: {
      ...serialized.meta,
      ...own.meta,
      values: { ...(serialized.meta?.values as object), ...(own.meta?.values as object) },
    },
  } as SuperJSONResult;
}
