import type { WriteDeps } from "../../deps.ts";
import { notFound } from "../../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { TOKEN_SELECT, type TokenView, toTokenView } from "./token-view.ts";

/**
 * Revokes one of the firm's tokens, audited. Every request authenticates against PostgreSQL
 * (authenticate-token.ts keeps no copy), so the next request with it on any instance is refused.
 * Revoking a revoked token changes nothing and answers it as it is.
 */
export async function revokeToken(
  deps: WriteDeps,
  tenantId: string,
  tokenId: string,
): Promise<TokenView> {
  const now = deps.clock();
  const row = await deps.db.$transaction(async (tx) => {
    const before = await tx.apiToken.findFirst({ where: { id: tokenId }, select: TOKEN_SELECT });
    if (!before) throw notFound("The token");
    if (before.revokedAt) return before;
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, revokedAt: null },
      data: { revokedAt: now },
    });
    if (count === 0) throw notFound("The token");
    await recordAudit(
      tx,
      {
        actorId: deps.actorId,
        subject: { tenantId, userId: null },
        entity: "API_TOKEN",
        entityId: tokenId,
        action: "DELETE",
        before: { name: before.name, scopes: before.scopes, visibleId: before.visibleId },
        after: null,
      },
      now,
    );
    return { ...before, revokedAt: now };
  });
  return toTokenView(row);
}
