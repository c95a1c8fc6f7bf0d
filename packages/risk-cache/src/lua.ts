/**
 * The Redis side of the cache, one script per step, so every check-and-act is atomic. All keys
 * of a script share the tenant's hash tag, so the scripts also run on a Redis Cluster.
 *
 * An entry is a hash {d: payload, g/u/k: the tenant, user and entry version tokens it was
 * computed under, at: stored (ms), fresh: fresh until (ms)}. A version token is replaced on every
 * invalidation, so an entry is valid only while all three still match.
 */

// KEYS: entry, entryVersion, userVersion, tenantGeneration, lease
const READ_VERSIONS = `
local k = redis.call('GET', KEYS[2]) or ''
local u = redis.call('GET', KEYS[3]) or ''
local g = redis.call('GET', KEYS[4]) or ''
`;

const NOW_MS = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
`;

/**
 * ARGV: lease token, lease ttl (ms).
 * Returns {'hit'|'stale'|'miss', payload, storedAt, g, u, k, leaseTaken(0|1)}. A miss or a stale
 * entry also tries to take the lease, so exactly one caller anywhere recomputes.
 */
export const READ_SCRIPT = `${READ_VERSIONS}${NOW_MS}
local e = redis.call('HMGET', KEYS[1], 'd', 'g', 'u', 'k', 'at', 'fresh')
local valid = e[1] and e[2] == g and e[3] == u and e[4] == k
if valid and tonumber(e[6]) >= now then
  return {'hit', e[1], e[5], g, u, k, 0}
end
local taken = redis.call('SET', KEYS[5], ARGV[1], 'NX', 'PX', ARGV[2]) and 1 or 0
if valid then
  return {'stale', e[1], e[5], g, u, k, taken}
end
return {'miss', '', '', g, u, k, taken}
`;

/**
 * ARGV: payload, g, u, k (the tokens read before computing), fresh ms, grace ms, lease token.
 * Stores only if no invalidation happened since the read (no stale set); releases the lease if
 * still ours. Returns the storage time in ms, or 0 when the value was rejected as stale.
 */
export const WRITE_SCRIPT = `${READ_VERSIONS}${NOW_MS}
if redis.call('GET', KEYS[5]) == ARGV[7] then redis.call('DEL', KEYS[5]) end
if g ~= ARGV[2] or u ~= ARGV[3] or k ~= ARGV[4] then return 0 end
local fresh = tonumber(ARGV[5])
redis.call('HSET', KEYS[1], 'd', ARGV[1], 'g', g, 'u', u, 'k', k, 'at', now, 'fresh', now + fresh)
redis.call('PEXPIRE', KEYS[1], fresh + tonumber(ARGV[6]))
return now
`;

/**
 * KEYS: the version key to replace, then entries and leases to delete.
 * ARGV: new token, version key ttl (ms). Deleting the leases lets the next reader recompute at
 * once; a computation still running under the old token will be refused when it stores.
 */
export const INVALIDATE_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
for i = 2, #KEYS do redis.call('DEL', KEYS[i]) end
return 1
`;

/**
 * Write-through after a database write. ARGV: payload, new entry token, fresh ms, grace ms,
 * version key ttl (ms). Replaces the entry's token first, so a computation that read the old
 * state can no longer store, then stores the new value under the new token.
 */
export const WRITE_THROUGH_SCRIPT = `
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[5])
redis.call('DEL', KEYS[5])
${READ_VERSIONS}${NOW_MS}
local fresh = tonumber(ARGV[3])
redis.call('HSET', KEYS[1], 'd', ARGV[1], 'g', g, 'u', u, 'k', k, 'at', now, 'fresh', now + fresh)
redis.call('PEXPIRE', KEYS[1], fresh + tonumber(ARGV[4]))
return now
`;

/** KEYS: lease. ARGV: token. Gives the lease back if it is still ours (a failed computation). */
export const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
