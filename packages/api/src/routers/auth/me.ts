import { publicProcedure } from "../../trpc.ts";

/**
 * The signed-in user, or null: the UI decides where to go from it. Answered from the session
 * alone, so it keeps working while the session is remembered and PostgreSQL is away.
 */
export const meRoute = publicProcedure.query(({ ctx }) => {
  if (!ctx.viewer) return null;
  const { userId, name, email, role, tenant, mustChangePassword } = ctx.viewer;
  return { userId, name, email, role, tenant, mustChangePassword };
});
