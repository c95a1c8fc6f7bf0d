import { createScenario } from "../../services/scenarios/create-scenario.ts";
import { adminProcedure } from "../../trpc.ts";
import { ZScenarioFields } from "../../validators/index.ts";

export const ZScenariosCreateInput = ZScenarioFields;

/** Adds a stress scenario that every trader's book is then valued under. */
export const adminScenariosCreateRoute = adminProcedure
  .input(ZScenariosCreateInput)
  .mutation(({ ctx, input }) => createScenario(ctx.writeDeps, ctx.viewer.tenantId, input));
