/**
 * Starts the dashboard: checks that its ports are free, builds it when asked to (`--build`, as
 * `pnpm start` does), picks the database (DATABASE_URL, or the embedded PGlite when unset),
 * migrates and seeds it when configured to, then runs Next.js (`dev` or `start`, through
 * scripts/server.ts) against it.
 * The embedded database lives in this process, so it stops when the app stops. SIGINT and
 * SIGTERM (Ctrl-C) stop the step under way, then the app, then the database, and exit 0 with
 * one line, so pnpm reports no failed script.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createDb } from "@repo/db";
import { DEMO_PASSWORD, type DemoLogin, generateDemoData, seedDemoData } from "@repo/db/demo";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "@repo/db/embedded";
import { applyMigrations } from "@repo/db/migrations";
import { redactRedisUrl } from "@repo/risk-cache";
import pg from "pg";
import { type AppConfig, ConfigError, readConfig } from "../src/server/config.ts";
import { startBuild } from "./build.ts";
import { busyPortProblem, wantedPorts } from "./ports.ts";

const log = (message: string) => console.info(`risk-dashboard: ${message}`);
const appDir = fileURLToPath(new URL("../", import.meta.url));
const defaultDataDir = fileURLToPath(new URL("../../../.data/pglite", import.meta.url));

/** What a stop has to end: the step under way (the build or the server) and the database. */
const running: {
  step?: { stop(signal: NodeJS.Signals): void };
  embedded?: EmbeddedPostgres;
  stopping: boolean;
} = { stopping: false };

async function main() {
  const mode = process.argv[2] === "dev" ? "dev" : "start";
  const config = readConfigOrExit();
  process.on("SIGINT", requestStop);
  process.on("SIGTERM", requestStop);
  const busy = await busyPortProblem(wantedPorts(config));
  if (busy) fail(busy);
  if (running.stopping) return stopped();
  if (process.argv.includes("--build")) await build();

  const { url: databaseUrl, embedded } = await openDatabase(config);
  running.embedded = embedded;
  log(`cache: ${describeCache(config)}`);
  const reachable = await probeDatabase(databaseUrl);
  if (reachable === true) {
    await prepareDatabase(config, databaseUrl).catch(async (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      await embedded?.stop();
      fail(`preparing the database failed: ${reason}`);
    });
  } else {
    log(
      `database: cannot reach ${withoutPassword(databaseUrl)} (${reachable}). ` +
        "Starting anyway: /api/health reports the database as down until it answers.",
    );
  }
  if (running.stopping) return stopped();

  const next = runNext(mode, config, databaseUrl);
  running.step = { stop: (signal) => next.kill(signal) };
  next.on("exit", async (code) => {
    // A clean exit is a stop, whoever signalled the server; anything else is it failing.
    if (code === 0) return stopped();
    await embedded?.stop();
    process.exit(code ?? 1);
  });
}

/** Ends the step under way; the step's own ending then finishes the stop (see stopped). */
function requestStop(signal: NodeJS.Signals) {
  if (running.stopping) return;
  running.stopping = true;
  // From a terminal the server has the signal already; it takes a second one as the same stop.
  running.step?.stop(signal);
}

async function stopped(): Promise<never> {
  await running.embedded?.stop();
  log("stopped.");
  process.exit(0);
}

function fail(sentence: string): never {
  console.error(`risk-dashboard: ${sentence}`);
  process.exit(1);
}

async function build() {
  log(
    "building the app (the first build takes a few minutes; later starts reuse it until the code changes)",
  );
  const started = Date.now();
  const turbo = startBuild();
  running.step = turbo;
  const code = await turbo.exited;
  running.step = undefined;
  if (running.stopping) return stopped();
  if (code !== 0) fail("the build failed; its errors are above.");
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
}

function readConfigOrExit(): AppConfig {
  try {
    return readConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(`configuration error: ${error.message}`);
    throw error;
  }
}

async function openDatabase(
  config: AppConfig,
): Promise<{ url: string; embedded?: EmbeddedPostgres }> {
  if (config.databaseUrl) {
    log(`database: external PostgreSQL at ${withoutPassword(config.databaseUrl)}`);
    return { url: config.databaseUrl };
  }
  const dataDir = config.embeddedDbDir ?? defaultDataDir;
  try {
    const embedded = await startEmbeddedPostgres({ dataDir, port: config.embeddedDbPort });
    log(`database: embedded PostgreSQL (PGlite), data in ${dataDir}, serving ${embedded.url}`);
    return { url: embedded.url, embedded };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    fail(
      `could not start the embedded database on port ${config.embeddedDbPort} (${reason}). ` +
        "Is another instance running? Set EMBEDDED_DB_PORT, or DATABASE_URL for an external PostgreSQL.",
    );
  }
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/** true, or the reason the server cannot be reached, within a few seconds. */
async function probeDatabase(url: string): Promise<true | string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function prepareDatabase(config: AppConfig, url: string) {
  if (config.migrateOnStart) {
    const applied = await applyMigrations(url);
    log(
      applied.length
        ? `database: applied migrations ${applied.join(", ")}`
        : "database: schema is up to date",
    );
  }
  if (config.seedDemoData) {
    const demo = generateDemoData();
    const db = createDb({ databaseUrl: url, poolSize: 2 });
    const inserted = await seedDemoData(db, demo).finally(() => db.$disconnect());
    log(
      inserted === null
        ? "demo data: loaded before, nothing inserted (`pnpm db:seed -- --reset` for a fresh demo)"
        : `demo data: inserted ${Object.values(inserted).reduce((sum, count) => sum + count, 0)} rows`,
    );
    printLogins(demo.logins);
  }
}

function printLogins(logins: DemoLogin[]) {
  log(`demo logins (password for all: ${DEMO_PASSWORD})`);
  for (const login of logins) {
    console.info(`  ${login.role.padEnd(6)}  ${login.email.padEnd(32)}  ${login.tenant}`);
  }
}

function describeCache(config: AppConfig): string {
  if (config.redis.mode === "memory") return "in-memory (REDIS_URL is not set)";
  if (config.redis.mode === "redis") return `Redis at ${redactRedisUrl(config.redis.url)}`;
  return `Redis Cluster via ${config.redis.nodes.map((n) => `${n.host}:${n.port}`).join(", ")}`;
}

/**
 * Next.js behind the app's own server (scripts/server.ts), which settles the client's address
 * from the socket and TRUSTED_PROXIES before Next sees a request; Node runs it as TypeScript.
 */
function runNext(mode: "dev" | "start", config: AppConfig, databaseUrl: string): ChildProcess {
  const server = fileURLToPath(new URL("./server.ts", import.meta.url));
  log(`starting Next.js (${mode}) on http://localhost:${config.port}`);
  return spawn(process.execPath, [server, mode], {
    cwd: appDir,
    stdio: "inherit",
    env: {
      ...process.env,
      PORT: String(config.port),
      DATABASE_URL: databaseUrl,
      DATABASE_MODE: config.databaseMode,
    },
  });
}

await main();
