import { readPriceSource } from "../../services/prices/price-source-setting.ts";
import { adminProcedure } from "../../trpc.ts";

/** Where the firm's intraday last prices come from: SIMULATED or API. */
export const adminPriceSourceGetRoute = adminProcedure.query(async ({ ctx }) => ({
  priceSource: await readPriceSource(ctx.db),
}));
