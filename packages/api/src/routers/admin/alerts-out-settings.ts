import { getAlertsOutSettings, NO_ALERTS_OUT } from "../../services/alerts-out/settings.ts";
import { adminProcedure } from "../../trpc.ts";

/** The firm's alert destinations: webhook URL and secret, email recipients, what is available. */
export const adminAlertsOutSettingsRoute = adminProcedure.query(({ ctx }) =>
  getAlertsOutSettings(ctx.db, ctx.deps.alertsOut ?? NO_ALERTS_OUT),
);
