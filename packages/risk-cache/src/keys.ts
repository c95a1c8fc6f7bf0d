/** What the cache holds, one kind per product read path. */
export type CacheKind = "metrics" | "profile" | "limits" | "var" | "alerts";

export interface CacheSubject {
  tenantId: string;
  userId: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The only way a cache key is made: `risk:<kind>:<userId>:{<tenantId>}`. Both ids are required
 * and restricted to characters that cannot forge another key; the braces are a Redis Cluster
 * hash tag, so every key of a tenant lives in one slot and can change in one atomic script.
 */
export function cacheKey(kind: CacheKind, { tenantId, userId }: CacheSubject): string {
  if (!ID.test(tenantId))
    throw new TypeError(`cache key: invalid tenantId ${JSON.stringify(tenantId)}`);
  if (!ID.test(userId)) throw new TypeError(`cache key: invalid userId ${JSON.stringify(userId)}`);
  return `risk:${kind}:${userId}:{${tenantId}}`;
}
