import { listTokenUses } from "../../services/tokens/list-token-uses.ts";
import { adminProcedure } from "../../trpc.ts";

/** The firm's latest API token requests: token name, operation, status, rows, when. */
export const adminTokensUsesRoute = adminProcedure.query(({ ctx }) =>
  listTokenUses(ctx.serviceDeps),
);
