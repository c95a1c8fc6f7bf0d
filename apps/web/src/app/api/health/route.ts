import { getCache } from "~/server/cache.ts";
import { serverConfig } from "~/server/config.ts";
import { getDb } from "~/server/db.ts";
import { buildHealthReport, healthResponse } from "~/server/health.ts";
import { hasOperatorToken } from "~/server/operator-token.ts";
import { currentViewer } from "~/server/viewer.ts";

export const dynamic = "force-dynamic";

/**
 * Whether the session cookie is an admin's, recognised as every request recognises it: while
 * PostgreSQL is down only a session this instance remembers is, and otherwise only the operator
 * token shows the details.
 */
async function signedInAdmin(): Promise<boolean> {
  try {
    return (await currentViewer())?.role === "ADMIN";
  } catch {
    return false;
  }
}

/** Up (200) or down (503) for everyone; what is up or down for admins and operators. */
export async function GET(request: Request): Promise<Response> {
  const config = serverConfig();
  const report = await buildHealthReport(getDb(), await getCache(), config);
  const detailed = hasOperatorToken(request, config.operatorToken) || (await signedInAdmin());
  return healthResponse(report, detailed);
}
