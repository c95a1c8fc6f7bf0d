import { z } from "zod";
import { listAlerts } from "../../services/alerts/list-alerts.ts";
import { subjectProcedure } from "../../trpc.ts";
import { ZId } from "../../validators/index.ts";

// `prefault` parses the default, so an omitted input still gets the defaults of its fields.
export const ZAlertsListInput = z
  .strictObject({
    traderId: ZId.optional(),
    includeResolved: z.boolean().default(false),
    limit: z
      .number({ error: "Enter a number." })
      .int("Enter a whole number.")
      .min(1, "Ask for at least 1 alert.")
      .max(200, "Ask for at most 200 alerts.")
      .default(50),
  })
  .prefault({});

export const alertsListRoute = subjectProcedure(ZAlertsListInput).query(async ({ ctx, input }) => ({
  alerts: await listAlerts(ctx.serviceDeps, ctx.subject, input),
}));
