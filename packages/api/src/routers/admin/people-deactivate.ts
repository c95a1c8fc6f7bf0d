import { peopleDeps } from "../../services/people/person-view.ts";
import { setActive } from "../../services/people/set-active.ts";
import { adminProcedure } from "../../trpc.ts";
import { ZPersonInput } from "../../validators/index.ts";

/** Ends a person's sessions everywhere and stops them signing in; their history stays. */
export const adminPeopleDeactivateRoute = adminProcedure
  .input(ZPersonInput)
  .mutation(({ ctx, input }) => setActive(peopleDeps(ctx), input.userId, false));
