import { sendTestEvent } from "../../services/alerts-out/settings.ts";
import { adminProcedure } from "../../trpc.ts";

/** Posts a signed `alert.test` to the saved webhook now and answers how it went. */
export const adminAlertsOutSendTestRoute = adminProcedure.mutation(({ ctx }) =>
  sendTestEvent(ctx.writeDeps),
);
