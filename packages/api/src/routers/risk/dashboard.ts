import { z } from "zod";
import { getDashboard } from "../../services/dashboard/get-dashboard.ts";
import { subjectProcedure } from "../../trpc.ts";
import { ZId } from "../../validators/index.ts";

export const ZDashboardInput = z.strictObject({ traderId: ZId.optional() }).optional().default({});

export const dashboardRoute = subjectProcedure(ZDashboardInput).query(({ ctx }) =>
  getDashboard({ db: ctx.db, cache: ctx.deps.cache, clock: ctx.deps.clock }, ctx.subject),
);
