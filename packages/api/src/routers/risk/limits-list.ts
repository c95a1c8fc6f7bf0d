import { listLimits } from "../../services/limits/list-limits.ts";
import { subjectProcedure } from "../../trpc.ts";
import { ZSubjectInput } from "../../validators/index.ts";

export const limitsListRoute = subjectProcedure(ZSubjectInput).query(async ({ ctx }) => {
  const { value, freshness } = await listLimits(ctx.serviceDeps, ctx.subject);
  return { limits: value, freshness };
});
