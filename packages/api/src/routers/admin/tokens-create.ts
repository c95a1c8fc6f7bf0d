import { createToken } from "../../services/tokens/create-token.ts";
import { adminProcedure } from "../../trpc.ts";
import { ZCreateTokenFields } from "../../validators/index.ts";

/** Makes an API token for the firm; answers its secret, this once. Audited. */
export const adminTokensCreateRoute = adminProcedure
  .input(ZCreateTokenFields)
  .mutation(({ ctx, input }) => createToken(ctx.writeDeps, ctx.viewer.tenantId, input));
