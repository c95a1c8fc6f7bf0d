/**
 * A second app server of the same build, on the run's database and Redis prefix: another
 * instance of the deployment, as a load balancer would have beside the first. It is started the
 * way the run's own server is (scripts/serve.ts start), on a port of its own, and stopped with
 * its process group.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { expect } from "@playwright/test";
import { currentRun, freePort } from "./run.ts";

const appDir = fileURLToPath(new URL("../../", import.meta.url));

export interface SecondInstance {
  baseURL: string;
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  return fetch(url).then(
    (response) => response.ok,
    () => false,
  );
}

/** Starts it with the run's settings and `env` on top; resolves once it serves requests. */
export async function startSecondInstance(env: Record<string, string>): Promise<SecondInstance> {
  const run = currentRun();
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn("tsx", ["scripts/serve.ts", "start"], {
    cwd: appDir,
    detached: true,
    stdio: "ignore",
    env: {
      ...process.env,
      DATABASE_URL: run.databaseUrl,
      REDIS_URL: run.redisUrl,
      CACHE_PREFIX: run.label,
      PORT: String(port),
      // The run's server migrated and seeded the database already.
      MIGRATE_ON_START: "false",
      SEED_DEMO_DATA: "false",
      PRICE_FEED_INTERVAL_MS: "0",
      ...env,
    },
  });
  const exited = once(server, "exit");
  const stop = async () => {
    if (server.exitCode !== null || server.pid === undefined) return;
    process.kill(-server.pid, "SIGTERM");
    await exited;
  };
  try {
    // However long a start takes on a loaded machine: until it answers, or the test's timeout.
    await expect
      .poll(() => answers(`${baseURL}/api/health/live`), {
        message: `a second instance serves ${baseURL}`,
        timeout: 0,
      })
      .toBe(true);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseURL, stop };
}
