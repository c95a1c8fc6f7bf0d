/** What the cache holds, one kind per product read path. */
export type CacheKind = "metrics" | "profile" | "limits" | "var" | "alerts";

export const CACHE_KINDS: readonly CacheKind[] = ["metrics", "profile", "limits", "var", "alerts"];

/**
 * Bumped whenever the shape of a cached value changes: a deploy then reads and writes a new
 * namespace and never parses a value written in the old shape.
 */
export const CACHE_SCHEMA_VERSION = 1;

export interface CacheSubject {
  tenantId: string;
  userId: string;
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

export function namespaceOf(prefix: string): string {
  return `${prefix}:v${CACHE_SCHEMA_VERSION}`;
}

/** `risk:v1:<kind>:<userId>:{<tenantId>}`: the key of a cached value. */
export function cacheKey(kind: CacheKind, subject: CacheSubject, prefix = "risk"): string {
  return entryKeys(kind, subject, prefix).entry;
}

export function entryKeys(
  kind: CacheKind,
  { tenantId, userId }: CacheSubject,
  prefix = "risk",
): EntryKeys {
  checkId("tenantId", tenantId);
  checkId("userId", userId);
  const ns = namespaceOf(prefix);
  const tag = `{${tenantId}}`;
  return {
    entry: `${ns}:${kind}:${userId}:${tag}`,
    entryVersion: `${ns}:ver:${kind}:${userId}:${tag}`,
    userVersion: `${ns}:ver:user:${userId}:${tag}`,
    tenantGeneration: `${ns}:gen:${tag}`,
    lease: `${ns}:lease:${kind}:${userId}:${tag}`,
  };
}

export function tenantGenerationKey(tenantId: string, prefix = "risk"): string {
  checkId("tenantId", tenantId);
  return `${namespaceOf(prefix)}:gen:{${tenantId}}`;
}
