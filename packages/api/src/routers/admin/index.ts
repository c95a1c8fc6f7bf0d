import type { TRPCRouterRecord } from "@trpc/server";
import { adminAuditActorsRoute } from "./audit-actors.ts";
import { adminAuditLogRoute } from "./audit-log.ts";
import { adminCacheStatsRoute } from "./cache-stats.ts";
import { adminInvalidateTenantRoute } from "./invalidate-tenant.ts";
import { adminScenariosCreateRoute } from "./scenarios-create.ts";
import { adminScenariosDeleteRoute } from "./scenarios-delete.ts";
import { adminScenariosListRoute } from "./scenarios-list.ts";
import { adminSignInStateRoute } from "./sign-in-state.ts";
import { adminTradersRoute } from "./traders.ts";
import { adminUnlockSignInRoute } from "./unlock-sign-in.ts";
import { adminWarmUpRoute } from "./warm-up.ts";

export const adminRouter = {
  traders: adminTradersRoute,
  auditLog: adminAuditLogRoute,
  auditActors: adminAuditActorsRoute,
  cacheStats: adminCacheStatsRoute,
  warmUp: adminWarmUpRoute,
  invalidateTenant: adminInvalidateTenantRoute,
  signInState: adminSignInStateRoute,
  unlockSignIn: adminUnlockSignInRoute,
  scenarios: {
    list: adminScenariosListRoute,
    create: adminScenariosCreateRoute,
    delete: adminScenariosDeleteRoute,
  },
} satisfies TRPCRouterRecord;
