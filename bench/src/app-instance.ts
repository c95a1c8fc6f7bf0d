import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { BENCH_OPERATOR_TOKEN } from "./http-client.ts";

const WEB_DIR = fileURLToPath(new URL("../../apps/web/", import.meta.url));
const NEXT_BIN = fileURLToPath(
  new URL("../../apps/web/node_modules/next/dist/bin/next", import.meta.url),
);

export interface AppInstance {
  name: string;
  url: string;
  process: ChildProcess;
  /** The last lines the server printed, for the report when something fails. */
  output(): string;
  /** SIGTERM, then SIGKILL if the server has not exited `STOP_GRACE_MS` later. */
  stop(): Promise<void>;
}

/**
 * `next start` exits on SIGTERM once it has flushed its traces; a server whose event loop is
 * still buried under the requests of an overloaded run may not get to it soon.
 */
const STOP_GRACE_MS = 10_000;

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) })).ok) return;
    } catch {
      // not listening yet, or not answering yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not become healthy in ${timeoutMs} ms`);
}

/**
 * One production server (`next start` of the last build) with its own environment: several of
 * these on one database and one Redis are the instances of a scaled-out deployment.
 */
export async function startApp(
  name: string,
  port: number,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<AppInstance> {
  const child = spawn(process.execPath, [...nodeArgs, NEXT_BIN, "start", "-p", String(port)], {
    cwd: WEB_DIR,
    env: {
      ...process.env,
      NODE_ENV: "production",
      COOKIE_SECURE: "false",
      OPERATOR_TOKEN: BENCH_OPERATOR_TOKEN,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n"));
    lines.splice(0, Math.max(0, lines.length - 400));
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, 60_000);
  return {
    name,
    url,
    process: child,
    output: () => lines.join("\n"),
    stop: () =>
      new Promise((resolve) => {
        // A child killed by a signal has no exit code, only a signal code.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
        child.once("exit", () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}
