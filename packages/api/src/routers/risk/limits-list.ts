import { z } from "zod";
import { listLimits } from "../../services/limits/list-limits.ts";
import { subjectProcedure } from "../../trpc.ts";
import { ZId } from "../../validators/index.ts";

export const ZLimitsListInput = z.strictObject({ traderId: ZId.optional() }).optional().default({});
export type TLimitsListInput = z.infer<typeof ZLimitsListInput>;

export const limitsListRoute = subjectProcedure(ZLimitsListInput).query(async ({ ctx }) => {
  const { value, freshness } = await listLimits({ db: ctx.db, cache: ctx.deps.cache }, ctx.subject);
  return { limits: value, freshness };
});
