import { SuperJSON } from "superjson";

type JsonScalar = string | number | boolean | null;

/** A custom class the cache must carry through Redis, such as a decimal type. */
export interface CustomType<T, Json extends JsonScalar = string> {
  name: string;
  isApplicable(value: unknown): value is T;
  serialize(value: T): Json;
  deserialize(json: Json): T;
}

/** A value the cache refuses at set time, so no reader ever meets it. */
export class CacheSerializationError extends TypeError {
  override name = "CacheSerializationError";
}

/**
 * A custom type of any class, as a list of several holds it: its methods (method syntax) take
 * any CustomType<T, Json> without a cast.
 */
export type AnyCustomType = CustomType<unknown, JsonScalar>;

export interface Serializer {
  serialize(value: unknown): string;
  deserialize<T>(text: string): T;
}

/**
 * JSON through superjson, so Dates, Maps, Sets, BigInts and the registered custom types (the
 * app registers Prisma's Decimal) come back as what went in. Functions, symbols and cycles fail
 * loudly when stored instead of vanishing from the value.
 */
export function createSerializer(customTypes: readonly AnyCustomType[] = []): Serializer {
  const json = new SuperJSON();
  for (const type of customTypes) json.registerCustom(type, type.name);
  return {
    serialize(value) {
      assertSerializable(value, customTypes, new Set());
      return json.stringify(value);
    },
    deserialize<T>(text: string) {
      return json.parse<T>(text);
    },
  };
}

const BUILT_INS = [Date, RegExp, URL, Error];

/** Walks the value: only what superjson restores as it was may be cached. */
function assertSerializable(
  value: unknown,
  customTypes: readonly AnyCustomType[],
  seen: Set<object>,
  path = "value",
) {
  if (typeof value === "function" || typeof value === "symbol") {
    throw new CacheSerializationError(`${path} is a ${typeof value}, which cannot be cached`);
  }
  if (value === null || typeof value !== "object") return;
  if (customTypes.some((type) => type.isApplicable(value))) return;
  if (BUILT_INS.some((type) => value instanceof type)) return;
  if (seen.has(value)) throw new CacheSerializationError(`${path} refers back to itself`);
  const prototype = Object.getPrototypeOf(value);
  const plain = prototype === Object.prototype || prototype === null || Array.isArray(value);
  if (!plain && !(value instanceof Map) && !(value instanceof Set)) {
    const name = (value as object).constructor?.name ?? "object";
    throw new CacheSerializationError(
      `${path} is a ${name}, which the cache cannot restore; register it as a custom type`,
    );
  }
  seen.add(value);
  const children =
    value instanceof Map
      ? [...value.entries()]
      : value instanceof Set
        ? [...value].entries()
        : Object.entries(value);
  for (const [key, child] of children) {
    assertSerializable(child, customTypes, seen, `${path}.${String(key)}`);
  }
  seen.delete(value);
}
