import { z } from "zod";
import { listPositions } from "../../services/positions/list-positions.ts";
import { subjectProcedure } from "../../trpc.ts";
import { ZId } from "../../validators/index.ts";

export const ZPositionsListInput = z
  .strictObject({ traderId: ZId.optional() })
  .optional()
  .default({});

export const positionsListRoute = subjectProcedure(ZPositionsListInput).query(({ ctx }) =>
  listPositions(ctx.db, ctx.subject),
);
