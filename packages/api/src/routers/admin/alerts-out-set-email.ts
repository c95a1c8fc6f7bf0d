import { NO_ALERTS_OUT, setEmailRecipients } from "../../services/alerts-out/settings.ts";
import { adminProcedure } from "../../trpc.ts";
import { ZAlertsOutEmailInput } from "../../validators/index.ts";

/** Who gets an email per event (audited); none turns email off. */
export const adminAlertsOutSetEmailRoute = adminProcedure
  .input(ZAlertsOutEmailInput)
  .mutation(({ ctx, input }) =>
    setEmailRecipients(ctx.writeDeps, ctx.deps.alertsOut ?? NO_ALERTS_OUT, input.recipients),
  );
