import { z } from "zod";
import { acknowledgeAlert } from "../../services/alerts/acknowledge-alert.ts";
import { subjectProcedure } from "../../trpc.ts";
import { ZAlertNote, ZId } from "../../validators/index.ts";

export const ZAlertsAcknowledgeInput = z.strictObject({
  traderId: ZId.optional(),
  alertId: ZId,
  note: ZAlertNote,
});

/** A trader acknowledges an alert of their own book; an admin, one of a trader of the tenant. */
export const alertsAcknowledgeRoute = subjectProcedure(ZAlertsAcknowledgeInput).mutation(
  ({ ctx, input }) =>
    acknowledgeAlert(ctx.writeDeps, ctx.subject, { alertId: input.alertId, note: input.note }),
);
