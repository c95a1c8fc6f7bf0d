import { setPriceSource } from "../../services/prices/price-source-setting.ts";
import { adminProcedure } from "../../trpc.ts";
import { ZPriceSourceInput } from "../../validators/index.ts";

/** Switches the firm's price source (the simulated feed, or its own system through the API). Audited. */
export const adminPriceSourceSetRoute = adminProcedure
  .input(ZPriceSourceInput)
  .mutation(({ ctx, input }) =>
    setPriceSource(ctx.writeDeps, ctx.viewer.tenantId, input.priceSource),
  );
