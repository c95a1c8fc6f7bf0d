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
  // A dashboard polls every 5 s and a metrics value lives 30 s: read steadily, it is recomputed
  // in the background during its last 10 s (two polls, whatever their phase), so a poll never
  // waits for a computation and no number shown is older than the TTL.
  metrics: { ttlSeconds: 30, refreshAheadSeconds: 10 },
  // Profiles and limits change only through the API, which invalidates them on every write: the
  // TTL only bounds what a write made outside the app (a hand-run SQL fix) can leave behind.
  profile: { ttlSeconds: 3_600 },
  limits: { ttlSeconds: 1_800 },
  alerts: { ttlSeconds: 30 },
  // The tenant's traders summary for its admins, under TENANT_SUMMARY_USER.
  traders: { ttlSeconds: 30 },
  // An instrument's daily closes, keyed by its history version (instrument-history.ts): a key
  // never sees its value change, so each instance keeps its copy for minutes, and the entry in
  // Redis lives a day after its last computation (a new version is a new key).
  history: { ttlSeconds: 86_400, memoryTtlMs: 600_000 },
} as const satisfies Record<string, KindPolicy>;

export type ApiCacheKind = keyof typeof API_CACHE_KINDS;

/** The cache as the API uses it: only its own kinds. */
export type ApiCache = RiskCache<ApiCacheKind>;

/** How the API uses the cache, on every server and in the tests; where Redis is, is the server's. */
export const API_CACHE_POLICY = {
  kinds: API_CACHE_KINDS,
  customTypes: [decimalType as never],
  // While PostgreSQL cannot be reached, the last values are served for two more minutes,
  // marked stale, instead of errors.
  graceSeconds: 120,
} satisfies RiskCacheOptions<ApiCacheKind>;
