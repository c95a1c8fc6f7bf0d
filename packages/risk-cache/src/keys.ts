/**
 * Bumped whenever the shape of a cached value changes: a deploy then reads and writes a new
 * namespace and never parses a value written in the old shape.
 */
export const CACHE_SCHEMA_VERSION = 3;

export interface CacheSubject {
  tenantId: string;
  userId: string;
  /**
   * One of several values of a kind for the same user, when the key names what the value was
   * computed from (a version): each variant is its own entry, and invalidating the user drops
   * every one of them, as it drops the user's other values.
   */
  variant?: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A key or id the cache refuses before touching Redis. */
export class CacheKeyError extends TypeError {
  override name = "CacheKeyError";
}

function checkId(name: string, value: string) {
  if (typeof value !== "string" || !ID.test(value)) {
    throw new CacheKeyError(`cache key: invalid ${name} ${JSON.stringify(value)}`);
  }
}

/** A kind's name is part of every key of its values: the same characters as an id. */
export function checkKindName(kind: string) {
  checkId("kind", kind);
}

/**
 * Every Redis key of one cached value. Both ids are required and restricted to characters that
 * cannot forge another key; `{tenantId}` is a Redis Cluster hash tag, so an entry, its version
 * counters and its lease share one slot and one Lua script can check them together.
 */
export interface EntryKeys {
  /** `<ns>:<kind>:<userId>:{<tenantId>}`: the value. */
  entry: string;
  /** Replaced on every invalidation of this one entry. */
  entryVersion: string;
  /** Replaced when everything of the user is invalidated. */
  userVersion: string;
  /** Replaced when everything of the tenant is invalidated. */
  tenantGeneration: string;
  /** Held by the one process computing the value. */
  lease: string;
}

const namespaces = new Map<string, string>();

/** `<prefix>:v<schema version>`, built once per prefix: every key of a read starts with it. */
export function namespaceOf(prefix: string): string {
  let namespace = namespaces.get(prefix);
  if (namespace === undefined) {
    namespace = `${prefix}:v${CACHE_SCHEMA_VERSION}`;
    namespaces.set(prefix, namespace);
  }
  return namespace;
}

/**
 * `risk:v3:<kind>:<userId>:{<tenantId>}`: the key of a cached value, and all an in-process hit
 * needs, so the read path builds the other keys only when it goes to Redis.
 */
export function cacheKey(
  kind: string,
  { tenantId, userId, variant }: CacheSubject,
  prefix = "risk",
): string {
  checkId("tenantId", tenantId);
  checkId("userId", userId);
  return `${namespaceOf(prefix)}:${kind}${variantPart(variant)}:${userId}:{${tenantId}}`;
}

/**
 * `:<variant>` between the kind and the user id, so the key still ends with the user and tenant
 * that a user's or a tenant's invalidation matches on.
 */
function variantPart(variant: string | undefined): string {
  if (variant === undefined) return "";
  checkId("variant", variant);
  return `:${variant}`;
}

export function tenantGenerationKey(tenantId: string, prefix = "risk"): string {
  checkId("tenantId", tenantId);
  return `${namespaceOf(prefix)}:gen:{${tenantId}}`;
}

export function entryKeys(kind: string, subject: CacheSubject, prefix = "risk"): EntryKeys {
  const entry = cacheKey(kind, subject, prefix);
  const ns = namespaceOf(prefix);
  const tag = `{${subject.tenantId}}`;
  const variant = variantPart(subject.variant);
  return {
    entry,
    entryVersion: `${ns}:ver:${kind}${variant}:${subject.userId}:${tag}`,
    userVersion: `${ns}:ver:user:${subject.userId}:${tag}`,
    tenantGeneration: tenantGenerationKey(subject.tenantId, prefix),
    lease: `${ns}:lease:${kind}${variant}:${subject.userId}:${tag}`,
  };
}
