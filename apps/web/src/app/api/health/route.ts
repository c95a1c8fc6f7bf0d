import { getCache } from "~/server/cache.ts";
import { serverConfig } from "~/server/config.ts";
import { getDb } from "~/server/db.ts";
import { buildHealthReport } from "~/server/health.ts";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const report = await buildHealthReport(getDb(), await getCache(), serverConfig());
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
