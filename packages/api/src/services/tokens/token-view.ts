import type { TokenScope } from "@repo/db";
import { tokenLabel } from "./token-secret.ts";

/** The columns a token is shown from; never its hash. */
export const TOKEN_SELECT = {
  id: true,
  name: true,
  scopes: true,
  visibleId: true,
  createdAt: true,
  revokedAt: true,
  lastUsedAt: true,
  createdBy: { select: { name: true } },
} as const;

interface TokenRow {
  id: string;
  name: string;
  scopes: TokenScope[];
  visibleId: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdBy: { name: string };
}

/** A token as the admin's list shows it. */
export interface TokenView {
  id: string;
  name: string;
  scopes: TokenScope[];
  /** `rdt_1a2b3c4d…`: the start of the secret, to tell tokens apart. */
  label: string;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export function toTokenView(row: TokenRow): TokenView {
  const { id, name, scopes, visibleId, createdAt, revokedAt, lastUsedAt, createdBy } = row;
  return {
    id,
    name,
    scopes,
    label: tokenLabel(visibleId),
    createdBy: createdBy.name,
    createdAt,
    revokedAt,
    lastUsedAt,
  };
}
