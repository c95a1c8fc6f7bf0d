import { publicProcedure } from "../../trpc.ts";

/** The signed-in user, or null: the UI decides where to go from it. */
export const meRoute = publicProcedure.query(async ({ ctx }) => {
  if (!ctx.viewer) return null;
  const tenant = await ctx.deps.db.tenant.findUniqueOrThrow({
    where: { id: ctx.viewer.tenantId },
    select: { name: true, slug: true },
  });
  const { userId, name, email, role } = ctx.viewer;
  return { userId, name, email, role, tenant };
});
