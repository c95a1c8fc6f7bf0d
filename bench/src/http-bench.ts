/**
 * pnpm bench:http — the production server under load, on the PostgreSQL and Redis of the test
 * setup (see the README): risk.dashboard cached, with the cache disabled by configuration, and a
 * bare route serving the same bytes from one Redis GET (the ceiling of this stack here); then
 * 500 concurrent first reads of one trader across two instances. Figures go to
 * bench/RESULTS.md by hand, with the machine they were measured on.
 */
import { cpus } from "node:os";
import { Redis } from "ioredis";
import { type AppInstance, startApp } from "./app-instance.ts";
import { createBenchDatabase } from "./bench-database.ts";
import { callJson, counter, queryPath, signIn } from "./http-client.ts";
import { type LoadResult, latencyHistogram, load } from "./load.ts";
import { clearPrefix } from "./redis-keys.ts";

const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const PREFIX = `bench-${process.pid}`;
const METRICS_PATH = queryPath("risk.dashboard");

const database = await createBenchDatabase("rd_bench_http");
const redis = new Redis(REDIS_URL);
const instances: AppInstance[] = [];
const common = {
  DATABASE_URL: database.url,
  REDIS_URL,
  CACHE_PREFIX: PREFIX,
  // Prices stand still, so every scenario serves the same book.
  PRICE_FEED_INTERVAL_MS: "0",
  // One client at hundreds of requests a second: the per-client limits would measure themselves.
  RATE_LIMIT_SIGNED_IN: "0",
  RATE_LIMIT_ANONYMOUS: "0",
};

const clearRunKeys = () => clearPrefix(redis, PREFIX);

type Scenario = "cached" | "uncached" | "bare";
const SCENARIO_NAMES: Record<Scenario, string> = {
  cached: "risk.dashboard, cached",
  uncached: "risk.dashboard, cache disabled",
  bare: "bare route: one Redis GET",
};
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const fixed = (value: number, digits: number) => Number(value.toFixed(digits));

try {
  const cached = await startApp("cached", 3201, { ...common, BENCH_ROUTES: "true" });
  const uncached = await startApp("uncached", 3202, { ...common, CACHE_DISABLED: "true" });
  instances.push(cached, uncached);

  const cookieCached = await signIn(cached.url, "maya@northwind.example.com");
  const cookieUncached = await signIn(uncached.url, "maya@northwind.example.com");
  // The bare route's bytes: exactly what a cached risk.dashboard answer carries.
  const body = await (
    await fetch(`${cached.url}${METRICS_PATH}`, { headers: { cookie: cookieCached } })
  ).text();
  await redis.set(`${PREFIX}:bench:bare`, body);

  const scenarios: Record<Scenario, [string, Record<string, string>]> = {
    cached: [`${cached.url}${METRICS_PATH}`, { cookie: cookieCached }],
    uncached: [`${uncached.url}${METRICS_PATH}`, { cookie: cookieUncached }],
    bare: [`${cached.url}/api/bench/bare`, {}],
  };
  for (const [url, headers] of Object.values(scenarios)) {
    await load({ url, headers, connections: CONNECTIONS, durationSeconds: 3 }); // warm-up
  }
  // Rounds of every scenario in turn, each for ROUND_SECONDS: the machine's load drifts over a
  // run, and the scenarios of one round see about the same machine, so their ratios are taken
  // round by round.
  const histograms = {
    cached: latencyHistogram(),
    uncached: latencyHistogram(),
    bare: latencyHistogram(),
  };
  const rounds: Record<Scenario, LoadResult>[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const results = {} as Record<Scenario, LoadResult>;
    for (const [name, [url, headers]] of Object.entries(scenarios) as [
      Scenario,
      [string, Record<string, string>],
    ][]) {
      results[name] = await load({
        url,
        headers,
        connections: CONNECTIONS,
        durationSeconds: ROUND_SECONDS,
        histogram: histograms[name],
      });
    }
    rounds.push(results);
  }

  console.info(
    `\nrisk.dashboard over HTTP, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${ROUND_SECONDS} s per scenario, ${body.length} bytes per answer; ` +
      `${cpus().length} CPUs, Node ${process.version}, ${new Date().toISOString()}`,
  );
  console.table(
    (Object.keys(scenarios) as Scenario[]).map((name) => {
      const all = rounds.map((round) => round[name]);
      const last = all.at(-1) as LoadResult;
      return {
        scenario: SCENARIO_NAMES[name],
        "req/s (median round)": Math.round(median(all.map((r) => r.requestsPerSecond))),
        "p50 ms": last.p50,
        "p95 ms": last.p95,
        "p99 ms": last.p99,
        requests: sum(all.map((r) => r.requests)),
        "non-2xx": sum(all.map((r) => r.non2xx)),
        errors: sum(all.map((r) => r.errors)),
      };
    }),
  );
  const ratio = (a: Scenario, b: Scenario) => {
    const ratios = rounds.map((round) => round[a].requestsPerSecond / round[b].requestsPerSecond);
    return {
      median: median(ratios),
      lowest: Math.min(...ratios),
      highest: Math.max(...ratios),
    };
  };
  const overUncached = ratio("cached", "uncached");
  const overBare = ratio("cached", "bare");
  console.info(
    "Ratios of req/s within each round (latency percentiles above are over all rounds):",
  );
  console.table([
    {
      ratio: "cached ÷ uncached",
      median: fixed(overUncached.median, 1),
      lowest: fixed(overUncached.lowest, 1),
      highest: fixed(overUncached.highest, 1),
      // For reference only: the bare route itself is not 20 × an uncached read here.
      target: "–",
    },
    {
      ratio: "cached ÷ bare route",
      median: fixed(overBare.median, 2),
      lowest: fixed(overBare.lowest, 2),
      highest: fixed(overBare.highest, 2),
      target: "≥ 0.8",
    },
  ]);

  // Stampede: a trader nobody has read yet, 500 first requests at once over two instances.
  await uncached.stop();
  instances.splice(instances.indexOf(uncached), 1);
  const second = await startApp("second", 3203, common);
  instances.push(second);
  await clearRunKeys();
  const email = "jonas@northwind.example.com";
  const cookies = [await signIn(cached.url, email), await signIn(second.url, email)];
  const kinds = ["book", "history", "metrics"] as const;
  const computationsOf = async () => {
    const counts: number[] = [];
    for (const kind of kinds) {
      counts.push(
        (await counter(cached.url, "rd_cache_computations_total", `kind="${kind}"`)) +
          (await counter(second.url, "rd_cache_computations_total", `kind="${kind}"`)),
      );
    }
    return counts;
  };
  // Reads that went to an instance's own memory (Redis slow or away) and waits on another
  // caller's lease: what decides whether one load per key holds across instances.
  const sharingOf = async () => {
    const counts: number[] = [];
    for (const name of ["rd_cache_fallback_reads_total", "rd_cache_lease_waits_total"]) {
      counts.push((await counter(cached.url, name)) + (await counter(second.url, name)));
    }
    return counts;
  };
  const computationsBefore = await computationsOf();
  const sharingBefore = await sharingOf();
  const targets = [cached, second];
  const answers = await Promise.all(
    Array.from({ length: 500 }, (_, i) =>
      callJson<{ metrics: { nav: number }; tick: number }>(
        (targets[i % 2] as AppInstance).url,
        METRICS_PATH,
        cookies[i % 2] as string,
      ),
    ),
  );
  const computed = (await computationsOf()).map((n, i) => n - (computationsBefore[i] ?? 0));
  const sharing = (await sharingOf()).map((n, i) => n - (sharingBefore[i] ?? 0));
  const ticks = new Set(answers.map((answer) => answer.tick)).size;
  console.info("\n500 concurrent first reads of one trader over two instances:");
  console.table([
    {
      answered: answers.length,
      "distinct NAVs served": new Set(answers.map((answer) => answer.metrics.nav)).size,
      "price ticks served": ticks,
      "book loads": computed[0],
      "history loads": computed[1],
      valuations: computed[2],
      "fallback reads": sharing[0],
      "lease waits": sharing[1],
      target: "1 load per instrument held; book and valuation 1 per tick, +1 if alerts moved",
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
