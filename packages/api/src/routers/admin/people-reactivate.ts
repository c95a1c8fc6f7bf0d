import { peopleDeps } from "../../services/people/person-view.ts";
import { setActive } from "../../services/people/set-active.ts";
import { adminProcedure } from "../../trpc.ts";
import { ZPersonInput } from "../../validators/index.ts";

/** Lets a deactivated person sign in again, with the password they had. */
export const adminPeopleReactivateRoute = adminProcedure
  .input(ZPersonInput)
  .mutation(({ ctx, input }) => setActive(peopleDeps(ctx), input.userId, true));
