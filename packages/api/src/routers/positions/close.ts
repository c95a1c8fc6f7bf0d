import { z } from "zod";
import { closePosition } from "../../services/positions/close-position.ts";
import { subjectProcedure } from "../../trpc.ts";
import { ZId } from "../../validators/index.ts";

export const ZPositionCloseInput = z.strictObject({
  traderId: ZId.optional(),
  positionId: ZId,
});
export type TPositionCloseInput = z.infer<typeof ZPositionCloseInput>;

export const positionsCloseRoute = subjectProcedure(ZPositionCloseInput).mutation(
  ({ ctx, input }) =>
    closePosition(
      { db: ctx.db, cache: ctx.deps.cache, clock: ctx.deps.clock, actorId: ctx.viewer.userId },
      ctx.subject,
      input.positionId,
    ),
);
