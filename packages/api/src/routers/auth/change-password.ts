import { changePassword } from "../../services/auth/change-password.ts";
import { sessionProcedure } from "../../trpc.ts";
import { ZChangePasswordInput } from "../../validators/index.ts";

export const ZAuthChangePasswordInput = ZChangePasswordInput;

/**
 * Every signed-in user replaces their own password, naming the current one; their other sessions
 * end. Open to a session on a temporary password: it is what such a session is for.
 */
export const changePasswordRoute = sessionProcedure
  .input(ZAuthChangePasswordInput)
  .mutation(({ ctx, input }) => {
    const { db, deps, viewer, address } = ctx;
    const { cache, clock, loginLimiter } = deps;
    return changePassword({ db, cache, clock, loginLimiter, address }, viewer, input);
  });
