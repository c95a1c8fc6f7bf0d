import { readAlertHistory } from "../../services/alerts/alert-history.ts";
import { subjectProcedure } from "../../trpc.ts";
import { ZAlertsHistoryInput } from "../../validators/index.ts";

export const alertsHistoryRoute = subjectProcedure(ZAlertsHistoryInput).query(({ ctx, input }) =>
  readAlertHistory(ctx.db, ctx.subject, input),
);
