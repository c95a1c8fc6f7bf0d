import { getApiDeps } from "~/server/api-deps.ts";
import { serverConfig } from "~/server/config.ts";
import { operatorRefusal } from "~/server/operator-token.ts";

export const dynamic = "force-dynamic";

/**
 * Prometheus text: procedure latency, cache statistics, database pool, process. For the
 * operator token only (sign-in outcomes, memory and pool sizes are nobody else's business);
 * not served at all while OPERATOR_TOKEN is unset.
 */
export async function GET(request: Request): Promise<Response> {
  const refusal = operatorRefusal(request, serverConfig().operatorToken);
  if (refusal) return refusal;
  const { metrics } = await getApiDeps();
  if (!metrics) return new Response("Metrics are not collected.\n", { status: 404 });
  return new Response(await metrics.registry.metrics(), {
    headers: { "content-type": metrics.registry.contentType, "cache-control": "no-store" },
  });
}
