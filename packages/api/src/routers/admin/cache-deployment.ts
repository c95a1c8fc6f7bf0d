import { z } from "zod";
import { cacheDeployment } from "../../services/cache/cache-deployment.ts";
import { adminProcedure } from "../../trpc.ts";

export const ZAdminCacheDeploymentInput = z.strictObject({}).optional();

/** Every instance's cache figures, their sum, the last hour and the alerts it raises. */
export const adminCacheDeploymentRoute = adminProcedure
  .input(ZAdminCacheDeploymentInput)
  .query(({ ctx }) =>
    cacheDeployment({
      cache: ctx.deps.cache,
      clock: ctx.deps.clock,
      thresholds: ctx.deps.cacheAlerts,
    }),
  );
