import { handleTokenApiRequest } from "@repo/api";
import { getApiDeps } from "~/server/api-deps.ts";

export const dynamic = "force-dynamic";

/**
 * The token API: POST /api/v1/closes | prices | positions with `Authorization: Bearer rdt_…`
 * (packages/api/src/http/token-api; the README's "The token API"). Any other method is answered
 * 405 by the same handler, so a client gets a sentence rather than Next's empty 405.
 */
async function handler(
  request: Request,
  { params }: { params: Promise<{ operation: string }> },
): Promise<Response> {
  const { operation } = await params;
  return handleTokenApiRequest(await getApiDeps(), request, operation);
}

export { handler as GET, handler as POST, handler as PUT, handler as DELETE, handler as PATCH };
