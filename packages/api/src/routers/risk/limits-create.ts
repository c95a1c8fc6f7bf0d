import { createLimit } from "../../services/limits/create-limit.ts";
import { adminProcedure, subjectProcedure } from "../../trpc.ts";
import {
  checkLimitSymbol,
  checkLimitThreshold,
  ZId,
  ZLimitFields,
} from "../../validators/index.ts";

export const ZLimitsCreateInput = ZLimitFields.extend({ traderId: ZId })
  .superRefine(checkLimitThreshold)
  .superRefine(checkLimitSymbol);

/** Admins add a limit to a trader's book. */
export const limitsCreateRoute = subjectProcedure(ZLimitsCreateInput, adminProcedure).mutation(
  ({ ctx, input }) => {
    const { traderId: _, ...fields } = input;
    return createLimit(ctx.writeDeps, ctx.subject, fields);
  },
);
