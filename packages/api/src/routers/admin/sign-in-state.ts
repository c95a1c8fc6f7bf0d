import { z } from "zod";
import { readSignInState } from "../../services/admin/sign-in-state.ts";
import { adminProcedure, subjectProcedure } from "../../trpc.ts";
import { ZId } from "../../validators/index.ts";

export const ZAdminSignInStateInput = z.strictObject({ traderId: ZId });

/** Whether a trader of the admin's tenant is slowed down or locked out of signing in. */
export const adminSignInStateRoute = subjectProcedure(ZAdminSignInStateInput, adminProcedure).query(
  ({ ctx }) =>
    readSignInState(
      { db: ctx.db, loginLimiter: ctx.deps.loginLimiter, clock: ctx.deps.clock },
      ctx.subject,
    ),
);
