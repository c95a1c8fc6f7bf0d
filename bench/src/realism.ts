/**
 * pnpm bench:realism — traders polling their dashboards every 5 s across two app instances (one
 * database, one Redis, the price feed on), while an admin edits a limit or a profile every 10 s
 * and a trader opens or closes a position every 3 s, each write through the instances in turn.
 *
 * BENCH_TRADERS: how many traders (default 100; copies of the 10 demo traders in turn, each
 * signed in on one instance in turn, a few sign-ins at a time). BENCH_REALISM_SECONDS: how long
 * they poll (default 180).
 *
 * Prints how long sign-in took; a table of the polls of the whole run, of its first minute and
 * of the rest (requests, failures, p50/p95/p99 latency, what served them, body bytes per poll and
 * in total, stale reads); each trader's first poll (how many were answered within 10 s, the
 * slowest); the metrics cache hit rate of both instances; the writes acknowledged and failed.
 * Every request has a timeout and every step a deadline; a run that still overruns a stage is
 * ended by a watchdog, which prints what was recorded so far and exits with 1.
 */
import { cpus, loadavg } from "node:os";
import { Redis } from "ioredis";
import { type AppInstance, startApp } from "./app-instance.ts";
import { createBenchDatabase } from "./bench-database.ts";
import { startWrites, WriteStats } from "./book-writes.ts";
import { PhaseStats, type Poller, Recorder, startPolling } from "./dashboard-load.ts";
import { Watchdog, withinDeadline } from "./deadlines.ts";
import { PriceTicks } from "./price-ticks.ts";
import { clearPrefix } from "./redis-keys.ts";
import {
  type CacheCounts,
  POLL_KINDS,
  phaseRow,
  pollCacheCounts,
  printReasons,
  SIGN_IN_CONCURRENCY,
  signInAdmins,
  signInTraders,
} from "./run-setup.ts";
import { addTraderCopies } from "./trader-copies.ts";

function positiveInteger(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, not "${process.env[name]}"`);
  }
  return value;
}

const TRADERS = positiveInteger("BENCH_TRADERS", 100);
const SECONDS = positiveInteger("BENCH_REALISM_SECONDS", 180);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const PREFIX = `bench-realism-${process.pid}`;
const DATABASE = "rd_bench_realism";
/** The demo seed's traders, five per firm: the run copies them until it has TRADERS. */
const DEMO_TRADERS = 10;
/** The browser's poll: every 5 s, given up after 10 s. */
const POLL = { intervalMs: 5_000, timeoutMs: 10_000 };
const FIRST_MINUTE = "first minute";
const AFTER_FIRST_MINUTE = "after the first minute";

// Deadlines: a step that overruns its own fails the run, a stage that overruns its budget ends it.
/** The database seeded, the traders copied, two servers started (each given 60 s to answer). */
const SETUP_MS = 5 * 60_000;
/** Sign-in took up to 0.4 s per trader here, with the machine busy elsewhere too. */
const SIGN_IN_MS = 60_000 + TRADERS * 1_000;
/** A poll in flight at the end is answered or given up in 10 s; a write (a read, then the change) in 20 s. */
const DRAIN_MS = 25_000;
/** After the run the servers may still be working through polls the harness gave up on. */
const COUNTERS_TIMEOUT_MS = 60_000;
const CLEANUP_STEP_MS = 20_000;

interface Run {
  pollers: Poller[];
  recorder: Recorder;
  writeStats: WriteStats;
  startedAt: Date;
  loadBefore: number[];
  cacheBefore: CacheCounts;
  ticks: PriceTicks;
  names: Map<string, string>;
  urls: string[];
}

const instances: AppInstance[] = [];
let run: Run | undefined;

// Ends a stuck run: the servers are killed (an exiting parent leaves them running), and what
// was recorded is printed without asking them anything.
const watchdog = new Watchdog((stage) => {
  for (const instance of instances) instance.process.kill("SIGKILL");
  if (run) printReport(run, `not read: the watchdog ended the run in "${stage}"`);
  console.error(
    `left behind: database ${DATABASE} (dropped by the next run), Redis keys ${PREFIX}:*`,
  );
});
watchdog.stage("setting up", SETUP_MS);
const database = await createBenchDatabase(DATABASE);
// Fails a command after 5 s instead of queueing it while Redis is away.
const redis = new Redis(REDIS_URL, { commandTimeout: 5_000, maxRetriesPerRequest: 1 });

try {
  const copies = await addTraderCopies(database.url, Math.ceil(TRADERS / DEMO_TRADERS));
  const traders = copies.traders.slice(0, TRADERS);
  console.info(`${traders.length} traders added; starting two instances`);
  // The price feed stays at its default (3 s): metrics move under the run, as in production.
  // Every trader signs in from this one address: its anonymous limit would stop them.
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL,
    CACHE_PREFIX: PREFIX,
    RATE_LIMIT_ANONYMOUS: "0",
  };
  instances.push(await startApp("A", 3211, env), await startApp("B", 3212, env));
  const urls = instances.map((instance) => instance.url);
  const names = new Map(instances.map((instance) => [instance.url, instance.name]));

  watchdog.stage(`signing in ${traders.length} traders`, SIGN_IN_MS);
  const signInStarted = performance.now();
  const pollers = await signInTraders(traders, urls);
  const signInSeconds = (performance.now() - signInStarted) / 1_000;
  console.info(
    `${pollers.length} traders signed in in ${signInSeconds.toFixed(1)} s ` +
      `(${SIGN_IN_CONCURRENCY} at a time, ${((1_000 * signInSeconds) / pollers.length).toFixed(0)} ms ` +
      `per trader); running for ${SECONDS} s`,
  );
  const adminCookies = await signInAdmins(copies.admins, urls[0] as string);
  const cacheBefore = await pollCacheCounts(urls);
  const ticks = await PriceTicks.start(database.url);

  watchdog.stage("polling", SECONDS * 1_000 + DRAIN_MS + 10_000);
  const recorder = new Recorder(FIRST_MINUTE, ticks);
  const writeStats = new WriteStats();
  run = {
    pollers,
    recorder,
    writeStats,
    startedAt: new Date(),
    loadBefore: loadavg(),
    cacheBefore,
    ticks,
    names,
    urls,
  };
  const firstMinuteOver = setTimeout(() => recorder.phase(AFTER_FIRST_MINUTE), 60_000);
  const polling = startPolling(pollers, recorder, POLL);
  const writes = startWrites(
    pollers,
    {
      urls: () => urls,
      adminCookie: (tenantId) => adminCookies.get(tenantId) as string,
      symbols: (tenantId) => copies.symbols.get(tenantId) ?? [],
    },
    () => writeStats,
    { adminEveryMs: 10_000, positionsEveryMs: 3_000 },
  );
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1_000));
  clearTimeout(firstMinuteOver);
  // Polls and writes stop together: polling on while waiting for the last writes kept the servers
  // saturated, so those writes took minutes, and the polls sent meanwhile were counted too.
  await withinDeadline(
    Promise.all([polling.stop(), writes.stop()]),
    DRAIN_MS,
    "the polls and writes in flight at the end of the run",
  );
} catch (error) {
  for (const instance of instances) console.error(`--- ${instance.name} ---\n${instance.output()}`);
  process.exitCode = 1;
  console.error(error);
} finally {
  if (run) {
    watchdog.stage("reading the cache counters", 4 * COUNTERS_TIMEOUT_MS + 10_000);
    const { urls, cacheBefore } = run;
    await run.ticks.stop().catch(() => undefined);
    const cache = await pollCacheCounts(urls, COUNTERS_TIMEOUT_MS).then(
      (after) => {
        const during = {} as CacheCounts;
        for (const kind of POLL_KINDS) {
          during[kind] = {
            hits: after[kind].hits - cacheBefore[kind].hits,
            misses: after[kind].misses - cacheBefore[kind].misses,
          };
        }
        return during;
      },
      (error: Error) => {
        process.exitCode = 1;
        return `not read: ${error.message}`;
      },
    );
    printReport(run, cache);
  }
  watchdog.stage("cleaning up", 3 * CLEANUP_STEP_MS + 10_000);
  await cleanUp();
  watchdog.finished();
}

/** The run's tables, with the cache's hits and misses during it (or why they are not known). */
function printReport(run: Run, cache: CacheCounts | string): void {
  const { recorder, writeStats, pollers } = run;
  const phase = (name: string) => recorder.phases.get(name) ?? new PhaseStats();
  const whole = PhaseStats.combined([...recorder.phases.values()]);
  console.info(
    `\n${pollers.length} traders polling risk.dashboard every 5 s over 2 instances ` +
      `for ${SECONDS} s, from ${run.startedAt.toISOString()}; ${cpus().length} CPUs, ` +
      `Node ${process.version}, load average before ${run.loadBefore.map((n) => n.toFixed(2)).join(" ")}, ` +
      `after ${loadavg()
        .map((n) => n.toFixed(2))
        .join(" ")}`,
  );
  console.table([
    phaseRow("whole run", whole, run.names),
    phaseRow(FIRST_MINUTE, phase(FIRST_MINUTE), run.names),
    phaseRow(AFTER_FIRST_MINUTE, phase(AFTER_FIRST_MINUTE), run.names),
  ]);
  console.info("  bytes: JSON bodies as decoded; a 304 is a poll answered with 0 bytes");
  printReasons("poll failures", whole.reasons);

  // Every trader's first poll: what someone opening the dashboard waits for.
  const answered = recorder.firstPolls.filter((poll) => poll.answered && poll.ms <= POLL.timeoutMs);
  console.table([
    {
      traders: pollers.length,
      "first poll answered within 10 s": answered.length,
      "not answered within 10 s": pollers.length - answered.length,
      "slowest first poll ms": Math.round(
        Math.max(0, ...recorder.firstPolls.map((poll) => poll.ms)),
      ),
    },
  ]);

  if (typeof cache === "string") {
    console.info(`cache (both instances' rd_cache_*_total): ${cache}`);
  } else {
    // A valuation is made once per book and move of prices, so with moves (3 s) more frequent
    // than polls (5 s) most polls make one; what they are made from should be hits.
    console.table(
      POLL_KINDS.map((kind) => {
        const { hits, misses } = cache[kind];
        return {
          kind,
          hits,
          misses,
          "hit rate %": Number(((100 * hits) / Math.max(1, hits + misses)).toFixed(1)),
        };
      }),
    );
    console.info(
      "  targets: book, alerts, market and window ≥ 95 % hits; metrics: a valuation per move;" +
        " history: read only to build a window, one load per instrument and version",
    );
  }
  console.info(`> 1 tick behind the feed: ${whole.behind} of ${whole.checked} (target 0)`);
  console.info(`stale reads: ${whole.stale} of ${whole.checked} checked (target 0)`);
  console.table(
    [...new Set([...writeStats.ok.keys(), ...writeStats.failed.keys()])].map((kind) => ({
      write: kind,
      acknowledged: writeStats.ok.get(kind) ?? 0,
      failed: writeStats.failed.get(kind) ?? 0,
    })),
  );
  printReasons("write failures", writeStats.reasons);
}

/** Each step bounded, and each tried whatever became of the one before. */
async function cleanUp(): Promise<void> {
  const steps: [string, () => Promise<unknown>][] = [
    ["stopping the instances", () => Promise.all(instances.map((instance) => instance.stop()))],
    [`clearing the Redis keys ${PREFIX}:*`, () => clearPrefix(redis, PREFIX)],
    [`dropping the database ${DATABASE}`, () => database.drop()],
  ];
  for (const [what, step] of steps) {
    await withinDeadline(step(), CLEANUP_STEP_MS, what).catch((error: Error) => {
      process.exitCode = 1;
      console.error(`cleanup: ${error.message}`);
    });
  }
  redis.disconnect();
}
