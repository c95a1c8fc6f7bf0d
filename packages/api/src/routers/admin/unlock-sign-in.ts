import { z } from "zod";
import { unlockSignIn } from "../../services/admin/unlock-sign-in.ts";
import { adminProcedure, subjectProcedure } from "../../trpc.ts";
import { ZId } from "../../validators/index.ts";

export const ZAdminUnlockSignInInput = z.strictObject({ traderId: ZId });

/** Forgets a trader's failed sign-ins from every address, on every instance, and audits it. */
export const adminUnlockSignInRoute = subjectProcedure(
  ZAdminUnlockSignInInput,
  adminProcedure,
).mutation(({ ctx }) =>
  unlockSignIn(
    {
      db: ctx.db,
      loginLimiter: ctx.deps.loginLimiter,
      clock: ctx.deps.clock,
      actorId: ctx.viewer.userId,
    },
    ctx.subject,
  ),
);
