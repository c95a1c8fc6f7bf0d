import "server-only";
import { Prisma } from "@repo/db";
import { type CustomType, RiskCache } from "@repo/risk-cache";
import { serverConfig } from "./config.ts";

/** Prisma's Decimal (money, prices, quantities) survives the cache as the same class. */
const decimal: CustomType<Prisma.Decimal> = {
  name: "Decimal",
  isApplicable: (value): value is Prisma.Decimal => Prisma.Decimal.isDecimal(value),
  serialize: (value) => value.toString(),
  deserialize: (text) => new Prisma.Decimal(text),
};

const globalForCache = globalThis as typeof globalThis & {
  riskDashboardCache?: Promise<RiskCache>;
};

/** The process's one cache, built from REDIS_URL (in memory when unset). */
export function getCache(): Promise<RiskCache> {
  const config = serverConfig();
  globalForCache.riskDashboardCache ??= RiskCache.create({
    redis: config.redis,
    disabled: config.cacheDisabled,
    prefix: config.cachePrefix,
    customTypes: [decimal as never],
  });
  return globalForCache.riskDashboardCache;
}
