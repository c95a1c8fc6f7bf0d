import { getProfile } from "../../services/profile/get-profile.ts";
import { subjectProcedure } from "../../trpc.ts";
import { ZSubjectInput } from "../../validators/index.ts";

export const profileGetRoute = subjectProcedure(ZSubjectInput).query(async ({ ctx }) => {
  const { value, freshness } = await getProfile(ctx.serviceDeps, ctx.subject);
  return { profile: value, freshness };
});
