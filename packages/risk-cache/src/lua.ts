/**
 * The Redis side of the cache. All keys of a script share the tenant's hash tag, so the scripts
 * also run on a Redis Cluster.
 *
 * An entry is one string: five header lines (the tenant, user and entry version tokens it was
 * computed under, when it was stored and until when it is fresh, in ms) and then the payload.
 * A version token is replaced on every invalidation. Invalidating an entry or a user replaces
 * the token and deletes the entries concerned in one script, so an entry that exists always
 * carries the current entry token; the tenant's generation changes without deleting (that is
 * what makes it O(1)), and a user's invalidation deletes only the entries it can name (not the
 * variants of keys.ts), so a read checks those two against the entry (see redis-tier.ts).
 * Every write is a script: checking the tokens and storing is one atomic step.
 */

// KEYS: entry, entryVersion, userVersion, tenantGeneration, lease
const READ_VERSIONS = `
local k = redis.call('GET', KEYS[2]) or ''
local u = redis.call('GET', KEYS[3]) or ''
local g = redis.call('GET', KEYS[4]) or ''
`;

const STORE_ENTRY = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local header = g .. '\\n' .. u .. '\\n' .. k .. '\\n' .. now .. '\\n' .. (now + fresh) .. '\\n'
redis.call('SET', KEYS[1], header .. payload, 'PX', fresh + grace)
return now
`;

/**
 * On a miss, a stale entry or one due for refresh, in one atomic step: look again (a value may
 * have landed since the caller's MGET; then it is served, and no second computation starts),
 * read the three current tokens for the later write, and try to take the lease. ARGV: lease
 * token, lease ttl (ms; 0 to only read), refresh-ahead window (ms): a fresh entry that expires
 * within it is served and its lease taken too, so one caller recomputes it before it expires.
 * Returns {'hit'|'stale'|'miss', entry text or '', g, u, k, 1 if the lease was taken}.
 */
export const LEASE_SCRIPT = `${READ_VERSIONS}
local text = redis.call('GET', KEYS[1])
local valid = false
local fresh = 0
if text then
  local entryGeneration, entryUser, freshUntil =
    string.match(text, '^([^\\n]*)\\n([^\\n]*)\\n[^\\n]*\\n%d+\\n(%d+)\\n')
  valid = entryGeneration == g and entryUser == u
  fresh = tonumber(freshUntil or '0')
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local leasing = tonumber(ARGV[2]) > 0
-- Already ours counts as taken: the answer to an earlier attempt may have been lost to a timeout.
local function lease()
  if redis.call('SET', KEYS[5], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
  if redis.call('GET', KEYS[5]) == ARGV[1] then return 1 end
  return 0
end
local taken = 0
if valid and fresh >= now then
  if leasing and fresh - now <= tonumber(ARGV[3]) then taken = lease() end
  return {'hit', text, g, u, k, taken}
end
if leasing then taken = lease() end
if valid then return {'stale', text, g, u, k, taken} end
return {'miss', '', g, u, k, taken}
`;

/**
 * ARGV: payload, g, u, k (the tokens read before computing), fresh ms, grace ms, lease token.
 * Stores only if no invalidation happened since the read (no stale set); releases the lease if
 * still ours. Returns the storage time in ms, or 0 when the value was refused as stale.
 */
export const WRITE_SCRIPT = `${READ_VERSIONS}
if redis.call('GET', KEYS[5]) == ARGV[7] then redis.call('DEL', KEYS[5]) end
if g ~= ARGV[2] or u ~= ARGV[3] or k ~= ARGV[4] then return 0 end
local payload, fresh, grace = ARGV[1], tonumber(ARGV[5]), tonumber(ARGV[6])
${STORE_ENTRY}`;

/**
 * Write-through after a database write. ARGV: payload, new entry token, fresh ms, grace ms,
 * version key ttl (ms). Replaces the entry's token first, so a computation that read the old
 * state can no longer store, then stores the new value under the new token.
 */
export const WRITE_THROUGH_SCRIPT = `
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[5])
redis.call('DEL', KEYS[5])
${READ_VERSIONS}
local payload, fresh, grace = ARGV[1], tonumber(ARGV[3]), tonumber(ARGV[4])
${STORE_ENTRY}`;

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

/** KEYS: lease. ARGV: token. Gives the lease back if it is still ours (a failed computation). */
export const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
