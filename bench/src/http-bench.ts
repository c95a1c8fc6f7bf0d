/**
 * pnpm bench:http — the production server under load, on the PostgreSQL and Redis of the test
 * setup (see the README): risk.metrics cached, with the cache disabled by configuration, and a
 * bare route serving the same bytes from one Redis GET (the ceiling of this stack here); then
 * 500 concurrent first reads of one trader across two instances. Figures go to
 * bench/RESULTS.md by hand, with the machine they were measured on.
 */
import { cpus } from "node:os";
import { Redis } from "ioredis";
import { type AppInstance, startApp } from "./app-instance.ts";
import { createBenchDatabase } from "./bench-database.ts";
import { callJson, counter, queryPath, signIn } from "./http-client.ts";
import { type LoadResult, load } from "./load.ts";
import { clearPrefix } from "./redis-keys.ts";

const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const DURATION_SECONDS = Number(process.env.BENCH_DURATION_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const PREFIX = `bench-${process.pid}`;
const METRICS_PATH = queryPath("risk.metrics");

const database = await createBenchDatabase("rd_bench_http");
const redis = new Redis(REDIS_URL);
const instances: AppInstance[] = [];
const common = {
  DATABASE_URL: database.url,
  REDIS_URL,
  CACHE_PREFIX: PREFIX,
  // Prices stand still, so every scenario serves the same book.
  PRICE_FEED_INTERVAL_MS: "0",
};

const clearRunKeys = () => clearPrefix(redis, PREFIX);

try {
  const cached = await startApp("cached", 3201, { ...common, BENCH_ROUTES: "true" });
  const uncached = await startApp("uncached", 3202, { ...common, CACHE_DISABLED: "true" });
  instances.push(cached, uncached);

  const cookieCached = await signIn(cached.url, "maya@northwind.example.com");
  const cookieUncached = await signIn(uncached.url, "maya@northwind.example.com");
  // The bare route's bytes: exactly what a cached risk.metrics answer carries.
  const body = await (
    await fetch(`${cached.url}${METRICS_PATH}`, { headers: { cookie: cookieCached } })
  ).text();
  await redis.set(`${PREFIX}:bench:bare`, body);

  const scenarios: [string, string, Record<string, string>][] = [
    ["risk.metrics, cached", `${cached.url}${METRICS_PATH}`, { cookie: cookieCached }],
    ["risk.metrics, cache disabled", `${uncached.url}${METRICS_PATH}`, { cookie: cookieUncached }],
    ["bare route: one Redis GET", `${cached.url}/api/bench/bare`, {}],
  ];
  const results: Record<string, LoadResult> = {};
  for (const [name, url, headers] of scenarios) {
    await load({ url, headers, connections: CONNECTIONS, durationSeconds: 3 }); // warm-up
    results[name] = await load({
      url,
      headers,
      connections: CONNECTIONS,
      durationSeconds: DURATION_SECONDS,
    });
  }

  console.info(
    `\nrisk.metrics over HTTP, ${CONNECTIONS} connections × ${DURATION_SECONDS} s each, ${body.length} bytes per answer; ` +
      `${cpus().length} CPUs, Node ${process.version}, ${new Date().toISOString()}`,
  );
  const cachedRps = results["risk.metrics, cached"]?.requestsPerSecond ?? Number.NaN;
  console.table(
    Object.entries(results).map(([name, r]) => ({
      scenario: name,
      "req/s": Math.round(r.requestsPerSecond),
      "p50 ms": r.p50,
      "p95 ms": r.p95,
      "p99 ms": r.p99,
      requests: r.requests,
      "non-2xx": r.non2xx,
      errors: r.errors,
      "cached ÷ this": Number((cachedRps / r.requestsPerSecond).toFixed(2)),
    })),
  );
  const uncachedRps = results["risk.metrics, cache disabled"]?.requestsPerSecond ?? Number.NaN;
  const bareRps = results["bare route: one Redis GET"]?.requestsPerSecond ?? Number.NaN;
  console.info(
    `cached ÷ uncached: ${(cachedRps / uncachedRps).toFixed(1)}× (target ≥ 20×); ` +
      `cached ÷ bare route: ${(cachedRps / bareRps).toFixed(2)} (target ≥ 0.7)`,
  );

  // Stampede: a trader nobody has read yet, 500 first requests at once over two instances.
  await uncached.stop();
  instances.splice(instances.indexOf(uncached), 1);
  const second = await startApp("second", 3203, common);
  instances.push(second);
  await clearRunKeys();
  const email = "jonas@northwind.example.com";
  const cookies = [await signIn(cached.url, email), await signIn(second.url, email)];
  const computationsBefore =
    (await counter(cached.url, "rd_cache_computations_total", 'kind="metrics"')) +
    (await counter(second.url, "rd_cache_computations_total", 'kind="metrics"'));
  const targets = [cached, second];
  const answers = await Promise.all(
    Array.from({ length: 500 }, (_, i) =>
      callJson<{ metrics: { nav: number } }>(
        (targets[i % 2] as AppInstance).url,
        METRICS_PATH,
        cookies[i % 2] as string,
      ).then((view) => view.metrics.nav),
    ),
  );
  const computations =
    (await counter(cached.url, "rd_cache_computations_total", 'kind="metrics"')) +
    (await counter(second.url, "rd_cache_computations_total", 'kind="metrics"')) -
    computationsBefore;
  console.info("\n500 concurrent first reads of one trader over two instances:");
  console.table([
    {
      answered: answers.length,
      "distinct NAVs served": new Set(answers).size,
      computations,
      target: 1,
    },
  ]);
} catch (error) {
  for (const instance of instances) console.error(`--- ${instance.name} ---\n${instance.output()}`);
  throw error;
} finally {
  await Promise.all(instances.map((instance) => instance.stop()));
  await clearRunKeys();
  redis.quit();
  await database.drop();
}
