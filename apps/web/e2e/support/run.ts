/**
 * What one Playwright run uses of the shared PostgreSQL server, Redis and ports: a database, a
 * Redis key prefix and a port of its own, so runs side by side on one machine (two checkouts, CI
 * beside a developer) never drop, clear or serve each other's. Demo ids are derived from names,
 * so two runs sharing a prefix would even read each other's cached numbers.
 *
 * The run is chosen once, by `chooseRun` in the runner process, and handed down through
 * environment variables: Playwright evaluates the config again in every worker, and the web
 * server and global setup read the same variables, so every process agrees on it.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";

/**
 * A run's database is `rd_e2e_<run id>`; its Redis key prefix and its output folder are its
 * label, `e2e-<run id>`.
 */
const DATABASE_PREFIX = "rd_e2e_";
const LABEL_PREFIX = "e2e-";
/** A run id: when it started (ms, base 36) and a random part, e.g. `mcz3k1a0-4f9a2c`. */
const RUN_ID = /^([0-9a-z]{8,11})-([0-9a-f]{6})$/;

export interface E2eRun {
  id: string;
  /** The database the app serves and the specs read, created for the run. */
  databaseUrl: string;
  /** false when E2E_DATABASE_URL named the database: it is kept after the run. */
  ownsDatabase: boolean;
  redisUrl: string;
  /** The app's CACHE_PREFIX (1–32 of [a-z0-9-], as the app requires) and the output folder. */
  label: string;
  port: number;
  baseURL: string;
}

/** In the runner: picks the run id and a free port unless given, for every process after it. */
export async function chooseRun(): Promise<void> {
  process.env.E2E_RUN_ID ??= newRunId();
  process.env.E2E_PORT ??= String(await freePort());
}

/** The run `chooseRun` picked, in any process of the run. */
export function currentRun(): E2eRun {
  const id = process.env.E2E_RUN_ID;
  const port = Number(process.env.E2E_PORT);
  if (!id || !RUN_ID.test(id) || !Number.isInteger(port) || port <= 0) {
    throw new Error("the e2e run is not chosen: run the specs through playwright.config.ts");
  }
  const named = process.env.E2E_DATABASE_URL;
  return {
    id,
    databaseUrl: named ?? `postgresql://postgres@127.0.0.1:5432/${databaseNameOf(id)}`,
    ownsDatabase: named === undefined,
    redisUrl: process.env.E2E_REDIS_URL ?? "redis://127.0.0.1:6379",
    label: labelOf(id),
    port,
    baseURL: `http://127.0.0.1:${port}`,
  };
}

/**
 * The app's settings for this run: the production build on the run's database and Redis key
 * prefix, seeded with the demo data, on `port` (the run's own unless a spec starts a second
 * instance).
 */
export function appServerEnv(run: E2eRun, port = run.port): Record<string, string> {
  return {
    DATABASE_URL: run.databaseUrl,
    REDIS_URL: run.redisUrl,
    SEED_DEMO_DATA: "true",
    CACHE_PREFIX: run.label,
    PORT: String(port),
    // The specs check the seeded books' exact figures ("86% of limit"); with the simulated
    // feed moving prices every 3 s, those would drift with how long the run has taken.
    PRICE_FEED_INTERVAL_MS: "0",
    // The alerts-out spec's receiver listens on plain http on this machine, which the
    // production build refuses by default.
    ALERT_WEBHOOK_LOCAL_HTTP: "true",
  };
}

export function databaseNameOf(runId: string): string {
  return `${DATABASE_PREFIX}${runId.replace("-", "_")}`;
}

export function labelOf(runId: string): string {
  return `${LABEL_PREFIX}${runId}`;
}

/** The run a database, key prefix or output folder belongs to; null when it is not a run's. */
export function runIdOf(name: string): string | null {
  const id = name.startsWith(DATABASE_PREFIX)
    ? name.slice(DATABASE_PREFIX.length).replace("_", "-")
    : name.startsWith(LABEL_PREFIX)
      ? name.slice(LABEL_PREFIX.length)
      : null;
  return id !== null && RUN_ID.test(id) ? id : null;
}

/** When the run started, in ms since the epoch. */
export function startedAt(runId: string): number {
  return Number.parseInt(runId.split("-")[0] ?? "", 36);
}

function newRunId(): string {
  return `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
}

/**
 * A port free on every address right now (the app listens on all of them), picked by the kernel
 * from its ephemeral range, so two runs starting together get different ones.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening, failed) => {
    server.once("error", failed);
    server.listen(0, listening);
  });
  const address = server.address();
  await new Promise((closed) => server.close(closed));
  if (address === null || typeof address === "string") throw new Error("no port to listen on");
  return address.port;
}
