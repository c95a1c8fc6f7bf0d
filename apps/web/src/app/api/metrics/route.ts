import { getApiDeps } from "~/server/api-deps.ts";

export const dynamic = "force-dynamic";

/** Prometheus text: procedure latency, cache statistics, database pool, process. */
export async function GET(): Promise<Response> {
  const { metrics } = await getApiDeps();
  if (!metrics) return new Response("Metrics are not collected.\n", { status: 404 });
  return new Response(await metrics.registry.metrics(), {
    headers: { "content-type": metrics.registry.contentType, "cache-control": "no-store" },
  });
}
