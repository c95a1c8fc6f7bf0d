import type { ServiceDeps } from "../../deps.ts";

/** How many of the latest uses the admin's page shows. */
export const TOKEN_USES_SHOWN = 50;

/** One request made with a token, as the admin's page lists it. */
export interface TokenUseView {
  id: string;
  /** The token's name when it was used (the log outlives a revocation). */
  tokenName: string;
  operation: string;
  /** The HTTP status answered; 0 while the request runs. */
  status: number;
  rows: number;
  /** Answered with an earlier request's answer (the same Idempotency-Key): nothing written. */
  replayed: boolean;
  at: Date;
}

/** The firm's latest token requests, newest first. */
export async function listTokenUses(deps: Pick<ServiceDeps, "db">): Promise<TokenUseView[]> {
  const rows = await deps.db.apiRequest.findMany({
    select: {
      id: true,
      tokenName: true,
      operation: true,
      status: true,
      rows: true,
      replayOf: true,
      createdAt: true,
    },
    orderBy: { createdAt: "desc" },
    take: TOKEN_USES_SHOWN,
  });
  return rows.map(({ replayOf, createdAt, ...row }) => ({
    ...row,
    replayed: replayOf !== null,
    at: createdAt,
  }));
}
