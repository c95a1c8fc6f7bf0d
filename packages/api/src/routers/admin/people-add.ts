import { addTrader } from "../../services/people/add-trader.ts";
import { peopleDeps } from "../../services/people/person-view.ts";
import { adminProcedure } from "../../trpc.ts";
import { ZAddTraderFields } from "../../validators/index.ts";

export const ZAdminPeopleAddInput = ZAddTraderFields;

/** Adds a trader to the admin's firm; answers their temporary password, once. */
export const adminPeopleAddRoute = adminProcedure
  .input(ZAdminPeopleAddInput)
  .mutation(({ ctx, input }) => addTrader(peopleDeps(ctx), ctx.viewer.tenantId, input));
