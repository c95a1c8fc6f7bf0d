import { NO_ALERTS_OUT, rotateWebhookSecret } from "../../services/alerts-out/settings.ts";
import { adminProcedure } from "../../trpc.ts";

/** A new webhook secret (audited, the secret itself not); the old one stops verifying. */
export const adminAlertsOutRotateSecretRoute = adminProcedure.mutation(({ ctx }) =>
  rotateWebhookSecret(ctx.writeDeps, ctx.deps.alertsOut ?? NO_ALERTS_OUT),
);
