import { getStress } from "../../services/risk/get-stress.ts";
import { subjectProcedure } from "../../trpc.ts";
import { ZChartInput } from "./chart.ts";

/** Asked like the charts: the trader, and the dashboard's chart version that keys the page's copy. */
export const ZStressInput = ZChartInput;

/** Historical and hypothetical stress scenarios on the book, with the limits each breaches. */
export const stressRoute = subjectProcedure(ZStressInput).query(({ ctx }) =>
  getStress(ctx.serviceDeps, ctx.subject),
);
