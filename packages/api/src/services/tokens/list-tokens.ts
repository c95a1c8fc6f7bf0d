import type { ServiceDeps } from "../../deps.ts";
import { TOKEN_SELECT, type TokenView, toTokenView } from "./token-view.ts";

/** The firm's tokens, live ones first, newest first: a few per firm, read uncached. */
export async function listTokens(deps: Pick<ServiceDeps, "db">): Promise<TokenView[]> {
  const rows = await deps.db.apiToken.findMany({
    select: TOKEN_SELECT,
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
  return rows.map(toTokenView);
}
