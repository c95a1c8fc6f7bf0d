import { z } from "zod";
import { getProfile } from "../../services/profile/get-profile.ts";
import { subjectProcedure } from "../../trpc.ts";
import { ZId } from "../../validators/index.ts";

export const ZProfileGetInput = z.strictObject({ traderId: ZId.optional() }).optional().default({});

export const profileGetRoute = subjectProcedure(ZProfileGetInput).query(async ({ ctx }) => {
  const { value, freshness } = await getProfile({ db: ctx.db, cache: ctx.deps.cache }, ctx.subject);
  return { profile: value, freshness };
});
