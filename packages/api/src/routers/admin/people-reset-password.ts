import { peopleDeps } from "../../services/people/person-view.ts";
import { resetPassword } from "../../services/people/reset-password.ts";
import { adminProcedure } from "../../trpc.ts";
import { ZPersonInput } from "../../validators/index.ts";

/** Gives a person a temporary password (answered once) and ends their sessions. */
export const adminPeopleResetPasswordRoute = adminProcedure
  .input(ZPersonInput)
  .mutation(({ ctx, input }) => resetPassword(peopleDeps(ctx), input.userId));
