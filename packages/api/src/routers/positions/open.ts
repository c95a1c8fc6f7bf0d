import { z } from "zod";
import { openPosition } from "../../services/positions/open-position.ts";
import { subjectProcedure } from "../../trpc.ts";
import { ZId, ZQuantity, ZSymbol } from "../../validators/index.ts";

export const ZPositionOpenInput = z.strictObject({
  traderId: ZId.optional(),
  symbol: ZSymbol,
  quantity: ZQuantity,
  /** Open it even though it takes a soft limit past 100 % (the audit records which). */
  acceptSoftBreaches: z.boolean().optional(),
});

/** A trader opens on their own book; an admin on a trader's book of their tenant. */
export const positionsOpenRoute = subjectProcedure(ZPositionOpenInput).mutation(({ ctx, input }) =>
  openPosition(ctx.writeDeps, ctx.subject, {
    symbol: input.symbol,
    quantity: input.quantity,
    acceptSoftBreaches: input.acceptSoftBreaches,
  }),
);
