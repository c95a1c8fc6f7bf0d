import type { TRPCRouterRecord } from "@trpc/server";
import { adminAuditLogRoute } from "./audit-log.ts";
import { adminCacheStatsRoute } from "./cache-stats.ts";
import { adminInvalidateTenantRoute } from "./invalidate-tenant.ts";
import { adminTradersRoute } from "./traders.ts";
import { adminWarmUpRoute } from "./warm-up.ts";

export const adminRouter = {
  traders: adminTradersRoute,
  auditLog: adminAuditLogRoute,
  cacheStats: adminCacheStatsRoute,
  warmUp: adminWarmUpRoute,
  invalidateTenant: adminInvalidateTenantRoute,
} satisfies TRPCRouterRecord;
