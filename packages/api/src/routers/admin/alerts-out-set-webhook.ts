import { NO_ALERTS_OUT, setWebhookUrl } from "../../services/alerts-out/settings.ts";
import { adminProcedure } from "../../trpc.ts";
import { ZAlertsOutWebhookInput } from "../../validators/index.ts";

/** Sets or removes the firm's webhook URL (audited); the first one gets a secret. */
export const adminAlertsOutSetWebhookRoute = adminProcedure
  .input(ZAlertsOutWebhookInput)
  .mutation(({ ctx, input }) =>
    setWebhookUrl(ctx.writeDeps, ctx.deps.alertsOut ?? NO_ALERTS_OUT, input.url),
  );
