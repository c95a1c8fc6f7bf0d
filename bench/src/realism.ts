/**
 * pnpm bench:realism — issue 7 point 3: 100 traders polling their dashboards every 5 s across
 * two app instances (one database, one Redis, the price feed on) for 3 minutes, while an admin
 * edits a limit or a profile every 10 s and positions open and close every few seconds.
 * Prints requests, failures, latency percentiles, the metrics cache hit rate of both instances
 * and the stale reads the harness counted. BENCH_REALISM_SECONDS shortens the run.
 */
import { cpus, loadavg } from "node:os";
import { Redis } from "ioredis";
import { type AppInstance, startApp } from "./app-instance.ts";
import { createBenchDatabase } from "./bench-database.ts";
import { startWrites, WriteStats } from "./book-writes.ts";
import { Recorder, startPolling } from "./dashboard-load.ts";
import { clearPrefix } from "./redis-keys.ts";
import {
  metricsCacheCounts,
  phaseRow,
  printReasons,
  signInAdmins,
  signInTraders,
} from "./run-setup.ts";
import { addTraderCopies } from "./trader-copies.ts";

const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const SECONDS = Number(process.env.BENCH_REALISM_SECONDS ?? 180);
const PREFIX = `bench-realism-${process.pid}`;

const database = await createBenchDatabase("rd_bench_realism");
const redis = new Redis(REDIS_URL);
const instances: AppInstance[] = [];

const clearRunKeys = () => clearPrefix(redis, PREFIX);

try {
  // 10 demo traders × 10 copies = 100 books, in the demo tenants.
  const { traders, admins, symbols } = await addTraderCopies(database.url, 10);
  console.info(`${traders.length} traders added; starting two instances`);
  // The price feed stays at its default (3 s): metrics move under the run, as in production.
  // A hundred traders sign in from this one address: its anonymous limit would stop them.
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL,
    CACHE_PREFIX: PREFIX,
    RATE_LIMIT_ANONYMOUS: "0",
  };
  instances.push(await startApp("A", 3211, env), await startApp("B", 3212, env));
  const urls = instances.map((instance) => instance.url);
  const names = new Map(instances.map((instance) => [instance.url, instance.name]));

  const pollers = await signInTraders(traders, urls);
  console.info(`${pollers.length} traders signed in; running for ${SECONDS} s`);
  const adminCookies = await signInAdmins(admins, urls[0] as string);
  const before = await metricsCacheCounts(urls);
  const loadBefore = loadavg();
  const startedAt = new Date();

  const recorder = new Recorder("realism");
  const writeStats = new WriteStats();
  const polling = startPolling(pollers, recorder, { intervalMs: 5_000 });
  const writes = startWrites(
    pollers,
    {
      urls: () => urls,
      adminCookie: (tenantId) => adminCookies.get(tenantId) as string,
      symbols: (tenantId) => symbols.get(tenantId) ?? [],
    },
    () => writeStats,
    { adminEveryMs: 10_000, positionsEveryMs: 3_000 },
  );
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1_000));
  await writes.stop();
  await polling.stop();

  const after = await metricsCacheCounts(urls);
  const hits = after.hits - before.hits;
  const misses = after.misses - before.misses;
  const stats = recorder.stats;
  console.info(
    `\n${pollers.length} traders polling risk.metrics + risk.alerts.list every 5 s over 2 instances ` +
      `for ${SECONDS} s, from ${startedAt.toISOString()}; ${cpus().length} CPUs, Node ${process.version}, ` +
      `load average before ${loadBefore.map((n) => n.toFixed(2)).join(" ")}, after ${loadavg()
        .map((n) => n.toFixed(2))
        .join(" ")}`,
  );
  console.table([phaseRow("realism", stats, names)]);
  printReasons("poll failures", stats.reasons);
  console.info(
    `metrics cache (both instances' rd_cache_*_total{kind="metrics"}): ${hits} hits, ${misses} misses, ` +
      `hit rate ${((100 * hits) / Math.max(1, hits + misses)).toFixed(1)}% (target ≥ 95%)`,
  );
  console.info(`stale reads: ${stats.stale} of ${stats.checked} checked (target 0)`);
  console.table(
    [...new Set([...writeStats.ok.keys(), ...writeStats.failed.keys()])].map((kind) => ({
      write: kind,
      acknowledged: writeStats.ok.get(kind) ?? 0,
      failed: writeStats.failed.get(kind) ?? 0,
    })),
  );
  printReasons("write failures", writeStats.reasons);
} catch (error) {
  for (const instance of instances) console.error(`--- ${instance.name} ---\n${instance.output()}`);
  process.exitCode = 1;
  console.error(error);
} finally {
  await Promise.all(instances.map((instance) => instance.stop()));
  await clearRunKeys();
  redis.quit();
  await database.drop();
}
