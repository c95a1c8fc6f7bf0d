import { listDeliveries } from "../../services/alerts-out/delivery-history.ts";
import {
  getAlertsOutSettings,
  NO_ALERTS_OUT,
  rotateWebhookSecret,
  sendTestEvent,
  setEmailRecipients,
  setWebhookUrl,
} from "../../services/alerts-out/settings.ts";
import { adminProcedure } from "../../trpc.ts";
import {
  ZAlertsOutDeliveriesInput,
  ZAlertsOutEmailInput,
  ZAlertsOutWebhookInput,
} from "../../validators/index.ts";

/** The firm's alert destinations and their delivery history (admin only, one tenant). */
export const adminAlertsOutRouter = {
  settings: adminProcedure.query(({ ctx }) =>
    getAlertsOutSettings(ctx.db, ctx.deps.alertsOut ?? NO_ALERTS_OUT),
  ),
  setWebhook: adminProcedure
    .input(ZAlertsOutWebhookInput)
    .mutation(({ ctx, input }) =>
      setWebhookUrl(ctx.writeDeps, ctx.deps.alertsOut ?? NO_ALERTS_OUT, input.url),
    ),
  rotateSecret: adminProcedure.mutation(({ ctx }) =>
    rotateWebhookSecret(ctx.writeDeps, ctx.deps.alertsOut ?? NO_ALERTS_OUT),
  ),
  setEmail: adminProcedure
    .input(ZAlertsOutEmailInput)
    .mutation(({ ctx, input }) =>
      setEmailRecipients(ctx.writeDeps, ctx.deps.alertsOut ?? NO_ALERTS_OUT, input.recipients),
    ),
  sendTest: adminProcedure.mutation(({ ctx }) => sendTestEvent(ctx.writeDeps)),
  deliveries: adminProcedure
    .input(ZAlertsOutDeliveriesInput)
    .query(({ ctx, input }) => listDeliveries(ctx.db, input)),
};
