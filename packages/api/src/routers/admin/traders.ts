import { z } from "zod";
import { listTraders } from "../../services/admin/list-traders.ts";
import { adminProcedure } from "../../trpc.ts";

export const ZAdminTradersInput = z.strictObject({}).optional();

export const adminTradersRoute = adminProcedure
  .input(ZAdminTradersInput)
  .query(({ ctx }) => listTraders(ctx.serviceDeps, ctx.viewer.tenantId));
