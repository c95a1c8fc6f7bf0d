import { z } from "zod";
import { deleteScenario } from "../../services/scenarios/delete-scenario.ts";
import { adminProcedure } from "../../trpc.ts";
import { ZId } from "../../validators/index.ts";

export const ZScenariosDeleteInput = z.strictObject({ id: ZId });

/** Removes one of the firm's stress scenarios. */
export const adminScenariosDeleteRoute = adminProcedure
  .input(ZScenariosDeleteInput)
  .mutation(({ ctx, input }) => deleteScenario(ctx.writeDeps, ctx.viewer.tenantId, input.id));
