import { SuperJSON } from "superjson";

/** A custom class the cache must carry through Redis, such as a decimal type. */
export interface CustomType<T, Json extends string | number | boolean | null = string> {
  name: string;
  isApplicable(value: unknown): value is T;
  serialize(value: T): Json;
  deserialize(json: Json): T;
}

/** A value the cache refuses at set time, so no reader ever meets it. */
export class CacheSerializationError extends TypeError {
  override name = "CacheSerializationError";
}

export interface Serializer {
  serialize(value: unknown): string;
  deserialize<T>(text: string): T;
}

/**
 * JSON through superjson, so Dates, Maps, Sets, BigInts and the registered custom types (the
 * app registers Prisma's Decimal) come back as what went in. Functions, symbols and cycles fail
 * loudly when stored instead of vanishing from the value.
 */
export function createSerializer(
  customTypes: readonly CustomType<never, never>[] = [],
): Serializer {
  const json = new SuperJSON();
  for (const type of customTypes) json.registerCustom(type as never, type.name);
  return {
    serialize(value) {
      assertSerializable(value, new Set());
      return json.stringify(value);
    },
    deserialize<T>(text: string) {
      return json.parse<T>(text);
    },
  };
}

function assertSerializable(value: unknown, seen: Set<object>, path = "value") {
  if (typeof value === "function" || typeof value === "symbol") {
    throw new CacheSerializationError(`${path} is a ${typeof value}, which cannot be cached`);
  }
  if (value === null || typeof value !== "object") return;
  if (seen.has(value)) throw new CacheSerializationError(`${path} refers back to itself`);
  seen.add(value);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  for (const [key, child] of entries) assertSerializable(child, seen, `${path}.${String(key)}`);
  seen.delete(value);
}
