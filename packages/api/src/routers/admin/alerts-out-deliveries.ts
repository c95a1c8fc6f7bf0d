import { listDeliveries } from "../../services/alerts-out/delivery-history.ts";
import { adminProcedure } from "../../trpc.ts";
import { ZAlertsOutDeliveriesInput } from "../../validators/index.ts";

/** The firm's deliveries, newest first, a page at a time. */
export const adminAlertsOutDeliveriesRoute = adminProcedure
  .input(ZAlertsOutDeliveriesInput)
  .query(({ ctx, input }) => listDeliveries(ctx.db, input));
