import { z } from "zod";
import { adminProcedure } from "../../trpc.ts";

export const ZAdminInvalidateTenantInput = z.strictObject({}).optional();

/**
 * Drops every cached value of the admin's tenant on every server instance (one Redis command,
 * no key scan); it has returned only once the other instances acknowledged it.
 */
export const adminInvalidateTenantRoute = adminProcedure
  .input(ZAdminInvalidateTenantInput)
  .mutation(async ({ ctx }) => {
    await ctx.deps.cache.invalidateTenant(ctx.viewer.tenantId);
    return { ok: true as const };
  });
