import type { Db, TokenScope } from "@repo/db";
import { hashToken } from "../auth/sessions.ts";
import { looksLikeTokenSecret } from "./token-secret.ts";

/** Who a token API request comes from. */
export interface TokenPrincipal {
  tokenId: string;
  tenantId: string;
  /** The token's name now, copied into the request log. */
  name: string;
  scopes: TokenScope[];
  /** The admin who made the token: the actor of the audited writes made with it. */
  actorId: string;
}

/**
 * The live token a bearer secret stands for, or null (unknown, malformed, revoked). Like
 * sign-in, it reads before any tenant is known, so it uses the unscoped client. PostgreSQL is
 * asked on every request, by the hash's unique index: a revocation holds on every instance from
 * the moment it commits, with no copy anywhere to outlive it.
 */
export async function authenticateToken(db: Db, secret: string): Promise<TokenPrincipal | null> {
  if (!looksLikeTokenSecret(secret)) return null;
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(secret) },
    select: {
      id: true,
      tenantId: true,
      name: true,
      scopes: true,
      createdById: true,
      revokedAt: true,
    },
  });
  if (!token || token.revokedAt) return null;
  const { id: tokenId, tenantId, name, scopes, createdById: actorId } = token;
  return { tokenId, tenantId, name, scopes, actorId };
}
