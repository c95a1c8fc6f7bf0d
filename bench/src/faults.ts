/**
 * pnpm bench:faults — 30 traders polling across two instances (with the admin and position
 * writes of the realism run, lighter), then (a) the run's own Redis stopped for 20 s and
 * started again on its port, (b) the same Redis hung (SIGSTOP) for 20 s, (c) PostgreSQL cut
 * for ~20 s under instance A (a TCP proxy between A and the server), (d) instance B killed
 * with SIGKILL and its traders sent to A with the same cookies. Prints a table per phase and what the instances answered.
 * BENCH_FAULT_SECONDS sets the length of the calm phases (default 20).
 */
import { cpus, loadavg } from "node:os";
import { startTcpProxy } from "@repo/db/testing";
import { startRedisServer } from "@repo/risk-cache/testing";
import { type AppInstance, startApp } from "./app-instance.ts";
import { createBenchDatabase } from "./bench-database.ts";
import { startWrites, WriteStats } from "./book-writes.ts";
import { Recorder, startPolling } from "./dashboard-load.ts";
import { BENCH_OPERATOR_TOKEN, counter, queryPath } from "./http-client.ts";
import { phaseRow, printReasons, signInAdmins, signInTraders } from "./run-setup.ts";
import { addTraderCopies } from "./trader-copies.ts";

const CALM_SECONDS = Number(process.env.BENCH_FAULT_SECONDS ?? 20);
const OUTAGE_SECONDS = 20;
const PREFIX = `bench-faults-${process.pid}`;
const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
const since = (start: number) => ((Date.now() - start) / 1_000).toFixed(1);

/** Polls `check` every 250 ms until it holds; the seconds it took, or null after `limit` s. */
async function secondsUntil(check: () => Promise<boolean>, limit = 120): Promise<number | null> {
  const start = Date.now();
  while (Date.now() - start < limit * 1_000) {
    if (await check().catch(() => false)) return (Date.now() - start) / 1_000;
    await sleep(0.25);
  }
  return null;
}

const database = await createBenchDatabase("rd_bench_faults");
// A Redis of the run's own, on a free port: stopping it never touches the shared 6379.
const redis = await startRedisServer();
const proxy = await startTcpProxy("127.0.0.1", Number(new URL(database.url).port || 5432));
const instances: AppInstance[] = [];

try {
  // 10 demo traders × 3 copies = 30 books.
  const { traders, admins, symbols } = await addTraderCopies(database.url, 3);
  const viaProxy = new URL(database.url);
  viaProxy.port = String(proxy.port);
  // All the simulated traders sign in from this one address: no anonymous limit for it.
  const env = { REDIS_URL: redis.url, CACHE_PREFIX: PREFIX, RATE_LIMIT_ANONYMOUS: "0" };
  const a = await startApp("A", 3221, { ...env, DATABASE_URL: viaProxy.toString() });
  instances.push(a);
  const b = await startApp("B", 3222, { ...env, DATABASE_URL: database.url });
  instances.push(b);
  const names = new Map(instances.map((instance) => [instance.url, instance.name]));
  const pollers = await signInTraders(traders, [a.url, b.url]);
  const adminCookies = await signInAdmins(admins, a.url);
  console.info(`${pollers.length} traders signed in over A and B; Redis on ${redis.port}`);

  let writeUrls = [a.url, b.url];
  const recorder = new Recorder("before");
  const writeStats = new Map<string, WriteStats>();
  const statsOf = (phase: string) => writeStats.get(phase) ?? new WriteStats();
  const writesOf = () => {
    const stats = statsOf(recorder.name);
    writeStats.set(recorder.name, stats);
    return stats;
  };
  const loadBefore = loadavg();
  const startedAt = new Date();
  const polling = startPolling(pollers, recorder, { intervalMs: 5_000 });
  const writes = startWrites(
    pollers,
    {
      urls: () => writeUrls,
      adminCookie: (tenantId) => adminCookies.get(tenantId) as string,
      symbols: (tenantId) => symbols.get(tenantId) ?? [],
    },
    writesOf,
    { adminEveryMs: 10_000, positionsEveryMs: 5_000 },
  );
  await sleep(CALM_SECONDS);

  // (a) Redis stopped for 20 s, then started again (empty) on the same port.
  const gauges = async (url: string) => ({
    connected: await counter(url, "rd_cache_redis_connected", "mode="),
    fallback: await counter(url, "rd_cache_fallback", "mode="),
  });
  recorder.phase("Redis stopped");
  const stoppedAt = Date.now();
  await redis.stop();
  const intoFallback = await Promise.all(
    [a, b].map((instance) =>
      secondsUntil(async () => (await gauges(instance.url)).fallback === 1, OUTAGE_SECONDS),
    ),
  );
  console.info(
    `Redis stopped; fallback reported after A ${intoFallback[0]} s, B ${intoFallback[1]} s`,
  );
  await sleep(OUTAGE_SECONDS - (Date.now() - stoppedAt) / 1_000);
  recorder.phase("Redis back");
  const restartedAt = Date.now();
  await redis.start();
  const startSeconds = since(restartedAt);
  const servesFromRedis = (instance: AppInstance) =>
    (recorder.stats.sourcesByUrl.get(instance.url)?.get("redis") ?? 0) > 0;
  // Both measured from the moment the restarted redis-server answered PING.
  const recovered = await Promise.all(
    [a, b].map(async (instance) => {
      const [connected, served] = await Promise.all([
        secondsUntil(async () => {
          const now = await gauges(instance.url);
          return now.connected === 1 && now.fallback === 0;
        }),
        secondsUntil(async () => servesFromRedis(instance)),
      ]);
      return `${instance.name}: connected=1 and fallback=0 after ${connected} s, a poll served from Redis after ${served} s`;
    }),
  );
  console.info(
    `redis-server answered PING ${startSeconds} s after its start; ${recovered.join("; ")}`,
  );
  await sleep(Math.max(0, CALM_SECONDS - (Date.now() - restartedAt) / 1_000));

  // (b) Redis hung for 20 s (SIGSTOP): connections stay open and nothing answers, so every
  // Redis call must reach its deadline, and a write through one instance cannot reach the other.
  recorder.phase("Redis hung");
  const pausedAt = Date.now();
  redis.pause();
  await sleep(OUTAGE_SECONDS);
  recorder.phase("Redis resumed");
  redis.resume();
  const resumed = await Promise.all(
    [a, b].map((instance) =>
      secondsUntil(async () => {
        const now = await gauges(instance.url);
        return now.connected === 1 && now.fallback === 0;
      }),
    ),
  );
  console.info(
    `Redis resumed after ${since(pausedAt)} s paused; connected=1 and fallback=0 after A ${resumed[0]} s, B ${resumed[1]} s`,
  );
  await sleep(CALM_SECONDS);

  // (c) PostgreSQL unreachable from A: the proxy between them cut for 20 s.
  const admin = adminCookies.get(pollers[0]?.tenantId as string) as string;
  const subject = pollers.find((poller) => poller.url === a.url) ?? pollers[0];
  const limitsPath = queryPath("risk.limits.list", { traderId: subject?.userId });
  const { limits } = (
    (await (await fetch(`${a.url}${limitsPath}`, { headers: { cookie: admin } })).json()) as {
      result: { data: { json: { limits: Record<string, unknown>[] } } };
    }
  ).result.data.json;
  writeUrls = [b.url];
  recorder.phase("PostgreSQL cut under A");
  const cutAt = Date.now();
  await proxy.cut();
  await sleep(5);
  const health = await fetch(`${a.url}/api/health`, {
    headers: { authorization: `Bearer ${BENCH_OPERATOR_TOKEN}` },
  });
  console.info(`A /api/health during the cut: ${health.status} ${await health.text()}`);
  const { updatedAt: _, ...limit } = limits[0] as Record<string, unknown>;
  const write = await fetch(`${a.url}/api/trpc/risk.limits.update`, {
    method: "POST",
    headers: { cookie: admin, "content-type": "application/json" },
    body: JSON.stringify({ json: { traderId: subject?.userId, ...limit } }),
  });
  console.info(`A risk.limits.update during the cut: ${write.status} ${await write.text()}`);
  await sleep(OUTAGE_SECONDS - (Date.now() - cutAt) / 1_000);
  recorder.phase("PostgreSQL back");
  const restoredAt = Date.now();
  await proxy.restore();
  const healthy = await secondsUntil(async () => (await fetch(`${a.url}/api/health`)).ok);
  const readsAgain = await secondsUntil(async () => {
    const response = await fetch(`${a.url}${queryPath("risk.dashboard")}`, {
      headers: { cookie: subject?.cookie as string },
    });
    return response.ok;
  });
  console.info(`A healthy again after ${healthy} s; a trader's read answers after ${readsAgain} s`);
  writeUrls = [a.url, b.url];
  await sleep(Math.max(0, CALM_SECONDS - (Date.now() - restoredAt) / 1_000));

  // (d) B killed; its traders' browsers move to A with the cookies they have.
  recorder.phase("B killed, all on A");
  writeUrls = [a.url];
  b.process.kill("SIGKILL");
  const killedAt = Date.now();
  for (const poller of pollers) poller.url = a.url;
  await sleep(CALM_SECONDS);
  console.info(`B killed ${since(killedAt)} s ago`);

  await writes.stop();
  await polling.stop();
  console.info(
    `\n${pollers.length} traders polling every 5 s over A and B, from ${startedAt.toISOString()}; ` +
      `${cpus().length} CPUs, Node ${process.version}, load average before ${loadBefore
        .map((n) => n.toFixed(2))
        .join(" ")}, after ${loadavg()
        .map((n) => n.toFixed(2))
        .join(" ")}`,
  );
  console.table([...recorder.phases].map(([name, stats]) => phaseRow(name, stats, names)));
  for (const [name, stats] of recorder.phases)
    printReasons(`poll failures, ${name}`, stats.reasons);
  console.table(
    [...writeStats].map(([phase, stats]) => ({
      phase,
      "writes acknowledged": [...stats.ok.values()].reduce((x, y) => x + y, 0),
      "writes failed": [...stats.failed.values()].reduce((x, y) => x + y, 0),
    })),
  );
  for (const [phase, stats] of writeStats) printReasons(`write failures, ${phase}`, stats.reasons);
  // What the servers logged about failures of their own (handle-trpc.ts): the cause behind a
  // 5xx that the caller only sees as a sentence.
  for (const instance of instances) {
    const logged = new Map<string, number>();
    for (const line of instance.output().split("\n")) {
      if (
        line.includes("risk-dashboard: ") &&
        / (INTERNAL_SERVER_ERROR|SERVICE_UNAVAILABLE): /.test(line)
      )
        logged.set(line, (logged.get(line) ?? 0) + 1);
    }
    printReasons(`server errors logged by ${instance.name}`, logged);
  }
} catch (error) {
  for (const instance of instances) console.error(`--- ${instance.name} ---\n${instance.output()}`);
  process.exitCode = 1;
  console.error(error);
} finally {
  await Promise.all(instances.map((instance) => instance.stop()));
  await proxy.close();
  await redis.stop();
  await database.drop();
}
