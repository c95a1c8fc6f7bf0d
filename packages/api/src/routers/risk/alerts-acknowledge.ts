import { z } from "zod";
import { acknowledgeAlert } from "../../services/alerts/acknowledge-alert.ts";
import { subjectProcedure } from "../../trpc.ts";
import { ZId } from "../../validators/index.ts";

export const ZAlertsAcknowledgeInput = z.strictObject({
  traderId: ZId.optional(),
  alertId: ZId,
  note: z
    .string({ error: "Enter a note." })
    .trim()
    .min(1, "Say what is being done about it.")
    .max(1000, "Use at most 1,000 characters."),
});
export type TAlertsAcknowledgeInput = z.infer<typeof ZAlertsAcknowledgeInput>;

/** A trader acknowledges an alert of their own book; an admin, one of a trader of the tenant. */
export const alertsAcknowledgeRoute = subjectProcedure(ZAlertsAcknowledgeInput).mutation(
  ({ ctx, input }) =>
    acknowledgeAlert(
      { db: ctx.db, clock: ctx.deps.clock, actorId: ctx.viewer.userId },
      ctx.subject,
      { alertId: input.alertId, note: input.note },
    ),
);
