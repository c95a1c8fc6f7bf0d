import { updateProfile } from "../../services/profile/update-profile.ts";
import { adminProcedure, subjectProcedure } from "../../trpc.ts";
import { ZId, ZProfileFields, ZVersion } from "../../validators/index.ts";

export const ZProfileUpdateInput = ZProfileFields.extend({ traderId: ZId, version: ZVersion });

/** Admins edit a trader's profile; the version is the one the form was loaded with. */
export const profileUpdateRoute = subjectProcedure(ZProfileUpdateInput, adminProcedure).mutation(
  ({ ctx, input }) => {
    const { traderId: _, ...fields } = input;
    return updateProfile(ctx.writeDeps, ctx.subject, fields);
  },
);
