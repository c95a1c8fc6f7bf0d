import { z } from "zod";
import { closePosition } from "../../services/positions/close-position.ts";
import { subjectProcedure } from "../../trpc.ts";
import { ZId } from "../../validators/index.ts";

export const ZPositionCloseInput = z.strictObject({
  traderId: ZId.optional(),
  positionId: ZId,
});

export const positionsCloseRoute = subjectProcedure(ZPositionCloseInput).mutation(
  ({ ctx, input }) => closePosition(ctx.writeDeps, ctx.subject, input.positionId),
);
