import { updateLimit } from "../../services/limits/update-limit.ts";
import { adminProcedure, subjectProcedure } from "../../trpc.ts";
import {
  checkLimitSymbol,
  checkLimitThreshold,
  ZId,
  ZLimitFields,
  ZVersion,
} from "../../validators/index.ts";

export const ZLimitsUpdateInput = ZLimitFields.extend({ traderId: ZId, id: ZId, version: ZVersion })
  .superRefine(checkLimitThreshold)
  .superRefine(checkLimitSymbol);

/** Admins edit a trader's limit; the version is the one the form was loaded with. */
export const limitsUpdateRoute = subjectProcedure(ZLimitsUpdateInput, adminProcedure).mutation(
  ({ ctx, input }) => {
    const { traderId: _, ...fields } = input;
    return updateLimit(ctx.writeDeps, ctx.subject, fields);
  },
);
