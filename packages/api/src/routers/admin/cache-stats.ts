import { z } from "zod";
import { adminProcedure } from "../../trpc.ts";

export const ZAdminCacheStatsInput = z.strictObject({}).optional();

/** Hit rates, latency percentiles and Redis health of the cache of the server that answers. */
export const adminCacheStatsRoute = adminProcedure
  .input(ZAdminCacheStatsInput)
  .query(({ ctx }) => ctx.deps.cache.snapshot());
