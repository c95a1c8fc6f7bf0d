import { z } from "zod";
import { getChart } from "../../services/dashboard/get-chart.ts";
import { subjectProcedure } from "../../trpc.ts";
import { ZId } from "../../validators/index.ts";

export const ZChartInput = z
  .strictObject({
    traderId: ZId.optional(),
    // The dashboard's `chartVersion`: it keys the page's copy, the server answers the current.
    version: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/, "Must be a chart version as the dashboard gives it.")
      .optional(),
  })
  .optional()
  .default({});

export const chartRoute = subjectProcedure(ZChartInput).query(({ ctx }) =>
  getChart(ctx.serviceDeps, ctx.subject),
);
