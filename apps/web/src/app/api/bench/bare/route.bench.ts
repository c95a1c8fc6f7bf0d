import { connectRedis, type RedisClient } from "@repo/risk-cache";
import { serverConfig } from "~/server/config.ts";
import { processGlobal } from "~/server/process-global.ts";

export const dynamic = "force-dynamic";

const benchRedis = processGlobal<Promise<RedisClient>>("benchRedis");

function redis(): Promise<RedisClient> | null {
  const config = serverConfig();
  if (config.redis.mode === "memory") return null;
  const { redis: redisConfig } = config;
  return benchRedis.get(
    () =>
      new Promise((resolve) => {
        const client = connectRedis(redisConfig);
        client.once("ready", () => resolve(client));
      }),
  );
}

/**
 * The load benchmark's ceiling (bench/src/http-bench.ts): the same bytes as a cached
 * risk.dashboard answer, from one Redis GET and nothing else — no session, no tRPC. Only in a
 * build made with BENCH_ROUTES=true (next.config.ts), and served only with it set at run time.
 */
export async function GET(): Promise<Response> {
  const client = serverConfig().benchRoutes ? redis() : null;
  if (!client) return new Response("Not found", { status: 404 });
  const body = await (await client).get(`${serverConfig().cachePrefix}:bench:bare`);
  if (body === null) return new Response("Not found", { status: 404 });
  return new Response(body, {
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}
