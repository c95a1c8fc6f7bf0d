import { z } from "zod";
import { getMetrics } from "../../services/risk/get-metrics.ts";
import { subjectProcedure } from "../../trpc.ts";
import { ZId } from "../../validators/index.ts";

export const ZRiskMetricsInput = z
  .strictObject({ traderId: ZId.optional() })
  .optional()
  .default({});

export const metricsRoute = subjectProcedure(ZRiskMetricsInput).query(({ ctx }) =>
  getMetrics({ db: ctx.db, cache: ctx.deps.cache, clock: ctx.deps.clock }, ctx.subject),
);
