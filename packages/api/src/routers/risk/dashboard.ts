import { getDashboard } from "../../services/dashboard/get-dashboard.ts";
import { subjectProcedure } from "../../trpc.ts";
import { ZSubjectInput } from "../../validators/index.ts";

export const dashboardRoute = subjectProcedure(ZSubjectInput).query(({ ctx }) =>
  getDashboard(ctx.serviceDeps, ctx.subject),
);
