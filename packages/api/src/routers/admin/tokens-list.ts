import { listTokens } from "../../services/tokens/list-tokens.ts";
import { adminProcedure } from "../../trpc.ts";

/** The firm's API tokens: names, scopes, who made them and when, last use; never a secret. */
export const adminTokensListRoute = adminProcedure.query(({ ctx }) => listTokens(ctx.serviceDeps));
