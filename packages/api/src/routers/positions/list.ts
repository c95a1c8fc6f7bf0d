import { listPositions } from "../../services/positions/list-positions.ts";
import { subjectProcedure } from "../../trpc.ts";
import { ZSubjectInput } from "../../validators/index.ts";

export const positionsListRoute = subjectProcedure(ZSubjectInput).query(({ ctx }) =>
  listPositions(ctx.db, ctx.subject),
);
