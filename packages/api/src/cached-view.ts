import superjson, { type SuperJSONResult } from "superjson";

const CACHED_VALUE = Symbol("cached value");
const serializedValues = new WeakMap<object, SuperJSONResult>();

/**
 * A cached value with what this answer adds to it (the freshness of this read, say), as a
 * procedure returns it, linked to the value it was made from so `serializeOutput` can reuse that
 * value's serialised form.
 */
export function cachedView<T extends object, E extends object>(value: T, extras: E): T & E {
  const view = { ...value, ...extras };
  Object.defineProperty(view, CACHED_VALUE, { value: { value, extras } });
  return view;
}

/**
 * superjson's serialisation of a procedure's answer. A cached view's value is serialised once
 * per value object — an in-process cache hit returns the same object for as long as L1 keeps
 * it — and only the extras on each answer: superjson walks every number of a valuation, which
 * cost more than everything else in answering a cached request.
 */
export function serializeOutput(data: unknown): SuperJSONResult {
  const cached = (
    data as { [CACHED_VALUE]?: { value: object; extras: object } } | null | undefined
  )?.[CACHED_VALUE];
  if (cached === undefined) return superjson.serialize(data);
  let serialized = serializedValues.get(cached.value);
  if (!serialized) {
    serialized = superjson.serialize(cached.value);
    serializedValues.set(cached.value, serialized);
  }
  const own = superjson.serialize(cached.extras);
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
