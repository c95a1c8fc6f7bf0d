import { Prisma } from "@repo/db";
import type { CustomType, KindPolicy, RiskCache, RiskCacheOptions } from "@repo/risk-cache";

/** Prisma's Decimal (money, prices, quantities) survives the cache as the same class. */
const decimalType: CustomType<Prisma.Decimal> = {
  name: "Decimal",
  isApplicable: (value): value is Prisma.Decimal => Prisma.Decimal.isDecimal(value),
  serialize: (value) => value.toString(),
  deserialize: (text) => new Prisma.Decimal(text),
};

/**
 * What the API caches and for how long: the one list of its cache kinds. risk-cache knows
 * nothing of them beyond what this table hands it.
 */
export const API_CACHE_KINDS = {
  // A book valued at one price tick, keyed by the book's version and the tick
  // (services/risk/get-metrics.ts): a key never sees its value change, so there is nothing to
  // invalidate. Each instance computes and keeps its own: a valuation (about 0.2 ms) costs less
  // than the Redis round trips that would share it. A move of prices (every 3 s) or a write
  // makes a new key; the TTL only bounds how long a superseded valuation takes up room.
  metrics: { ttlSeconds: 10, memoryTtlMs: 10_000, processOnly: true },
  stress: { ttlSeconds: 10, memoryTtlMs: 10_000, processOnly: true },
  // What a valuation is made from, each changed only by its own writes, which invalidate it:
  // a trader's book (positions, account, profile, limits), their open alerts (raised and
  // resolved by valuations, acknowledged by people) …
  // Each instance keeps its copies for a minute, not the default seconds: every change drops
  // them on every instance through the bus, and while the bus may not reach an instance its
  // copies are checked against their version in PostgreSQL before use (readChecked). A poll
  // then costs no Redis round trip for them.
  book: { ttlSeconds: 3_600, memoryTtlMs: 60_000 },
  alerts: { ttlSeconds: 3_600, memoryTtlMs: 60_000 },
  // … and a tenant's market (last prices, history versions), dropped by every move of the
  // price feed. The TTL bounds what a change made outside the app can leave behind.
  market: { ttlSeconds: 60, memoryTtlMs: 60_000 },
  // The firm's own stress scenarios (services/scenarios), checked against the tenant's
  // scenario version like a book against its own.
  scenarios: { ttlSeconds: 3_600, memoryTtlMs: 60_000 },
  profile: { ttlSeconds: 3_600 },
  limits: { ttlSeconds: 1_800 },
  // The tenant's traders summary for its admins, under TENANT_SUMMARY_USER.
  traders: { ttlSeconds: 30 },
  // That a trader of the tenant exists, for an admin's request about their book
  // (services/auth/resolve-subject.ts): true until the person's entries are dropped, which
  // deactivating or reactivating them does; an admin's poll then asks PostgreSQL nothing for it.
  subject: { ttlSeconds: 3_600, memoryTtlMs: 60_000 },
  // An instrument's daily closes, keyed by its history version (instrument-history.ts): a key
  // never sees its value change, so each instance keeps its copy for minutes, and the entry in
  // Redis lives a day after its last computation (a new version is a new key).
  history: { ttlSeconds: 86_400, memoryTtlMs: 600_000 },
  // A book's histories put on the same days, keyed by every instrument and history version it
  // is made from (load-history.ts): aligned once per instance, not at every tick, and kept in
  // that instance's memory only (processOnly): aligning costs less than reading it from Redis.
  window: { ttlSeconds: 600, memoryTtlMs: 600_000, processOnly: true },
} as const satisfies Record<string, KindPolicy>;

export type ApiCacheKind = keyof typeof API_CACHE_KINDS;

/** The cache as the API uses it: only its own kinds. */
export type ApiCache = RiskCache<ApiCacheKind>;

/** How the API uses the cache, on every server and in the tests; where Redis is, is the server's. */
export const API_CACHE_POLICY = {
  kinds: API_CACHE_KINDS,
  customTypes: [decimalType],
  // While PostgreSQL cannot be reached, the last values are served for two more minutes,
  // marked stale, instead of errors.
  graceSeconds: 120,
  // Per trader a book and a valuation or two, per tenant a market and its instruments' histories.
  memory: { maxEntries: 20_000 },
} satisfies RiskCacheOptions<ApiCacheKind>;
