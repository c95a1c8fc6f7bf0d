import { revokeToken } from "../../services/tokens/revoke-token.ts";
import { adminProcedure } from "../../trpc.ts";
import { ZTokenInput } from "../../validators/index.ts";

/** Revokes one of the firm's API tokens: its next request, on any instance, is refused. Audited. */
export const adminTokensRevokeRoute = adminProcedure
  .input(ZTokenInput)
  .mutation(({ ctx, input }) => revokeToken(ctx.writeDeps, ctx.viewer.tenantId, input.tokenId));
