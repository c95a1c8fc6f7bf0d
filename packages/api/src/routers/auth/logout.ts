import { revokeSession } from "../../services/auth/sessions.ts";
import { sessionProcedure } from "../../trpc.ts";

/** Ends this session and drops everything cached for the user, on every instance before it returns. */
export const logoutRoute = sessionProcedure.mutation(async ({ ctx }) => {
  const { viewer, deps } = ctx;
  await revokeSession(deps.db, viewer.sessionId, deps.clock());
  await deps.cache.invalidateUser({ tenantId: viewer.tenantId, userId: viewer.userId });
  ctx.session.clear();
  return { signedOut: true };
});
