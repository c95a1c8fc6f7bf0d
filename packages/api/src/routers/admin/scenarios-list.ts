import { readScenarios } from "../../services/scenarios/read-scenarios.ts";
import { scenarioTargets } from "../../services/scenarios/scenario-targets.ts";
import { adminProcedure } from "../../trpc.ts";

/** The firm's own stress scenarios, by name, and the symbols and sectors a move can name. */
export const adminScenariosListRoute = adminProcedure.query(async ({ ctx }) => {
  const [{ scenarios }, targets] = await Promise.all([
    readScenarios(ctx.serviceDeps, ctx.viewer.tenantId),
    scenarioTargets(ctx.db),
  ]);
  return { scenarios, ...targets };
});
