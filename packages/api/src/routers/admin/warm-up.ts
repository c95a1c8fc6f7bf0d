import { z } from "zod";
import { warmUpTenant } from "../../services/admin/warm-up-tenant.ts";
import { adminProcedure } from "../../trpc.ts";

export const ZAdminWarmUpInput = z.strictObject({}).optional();

export const adminWarmUpRoute = adminProcedure
  .input(ZAdminWarmUpInput)
  .mutation(({ ctx }) => warmUpTenant(ctx.serviceDeps, ctx.viewer.tenantId));
