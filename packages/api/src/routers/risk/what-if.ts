import { z } from "zod";
import { valueTrade } from "../../services/risk/what-if.ts";
import { subjectProcedure } from "../../trpc.ts";
import { ZId, ZQuantity, ZSymbol } from "../../validators/index.ts";

export const ZWhatIfInput = z.strictObject({
  traderId: ZId.optional(),
  symbol: ZSymbol,
  quantity: ZQuantity,
});

/** The book's figures and every active limit before and after a trade, without opening it. */
export const whatIfRoute = subjectProcedure(ZWhatIfInput).query(({ ctx, input }) =>
  valueTrade(ctx.serviceDeps, ctx.subject, {
    symbol: input.symbol,
    quantity: input.quantity,
  }),
);
