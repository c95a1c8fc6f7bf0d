import { Prisma } from "@repo/db";
import type { CustomType, RiskCacheOptions } from "@repo/risk-cache";

/** Prisma's Decimal (money, prices, quantities) survives the cache as the same class. */
const decimalType: CustomType<Prisma.Decimal> = {
  name: "Decimal",
  isApplicable: (value): value is Prisma.Decimal => Prisma.Decimal.isDecimal(value),
  serialize: (value) => value.toString(),
  deserialize: (text) => new Prisma.Decimal(text),
};

/**
 * How the API uses the cache, on every server and in the tests; the TTLs are DESIGN §4's
 * defaults. Where it and Redis are configured is the server's business.
 */
export const API_CACHE_POLICY = {
  customTypes: [decimalType as never],
  // A dashboard polls every 5 s and a metrics value lives 30 s: read steadily, it is recomputed
  // in the background during its last 10 s (two polls, whatever their phase), so a poll never
  // waits for a computation and no number shown is older than the TTL.
  refreshAheadSeconds: { metrics: 10 },
  // While PostgreSQL cannot be reached, the last values are served for two more minutes,
  // marked stale, instead of errors.
  graceSeconds: 120,
} satisfies RiskCacheOptions;
