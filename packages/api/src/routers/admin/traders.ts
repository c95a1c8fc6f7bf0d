import { z } from "zod";
import { listTraders } from "../../services/admin/list-traders.ts";
import { adminProcedure } from "../../trpc.ts";

export const ZAdminTradersInput = z.strictObject({}).optional();

export const adminTradersRoute = adminProcedure
  .input(ZAdminTradersInput)
  .query(({ ctx }) =>
    listTraders({ db: ctx.db, cache: ctx.deps.cache, clock: ctx.deps.clock }, ctx.viewer.tenantId),
  );
