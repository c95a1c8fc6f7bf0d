/**
 * What `pnpm start` (scripts/serve.ts) does at its two ends, in real processes: a busy port stops
 * it at once with a sentence, and Ctrl-C stops the running app cleanly with exit code 0. Starting
 * the app needs the production build (this package's turbo.json builds it before these tests).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type AppProcess, startApp } from "../e2e/support/app-process.ts";
import { freePort } from "../e2e/support/run.ts";

// Starting the app migrates a fresh embedded database and runs Next: slow on a loaded machine.
const STARTS_THE_APP = 240_000;

const started: AppProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const app of started.splice(0)) app.signal("SIGKILL");
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function serve(args: string[], settings: Record<string, string>): AppProcess {
  const app = startApp(args, appEnv(settings));
  started.push(app);
  return app;
}

/**
 * The test run's environment with `settings`, and without the settings a developer's shell may
 * have that would point the app elsewhere.
 */
function appEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["DATABASE_URL", "REDIS_URL", "HOSTNAME", "EMBEDDED_DB_PORT"])
    delete env[name];
  return { ...env, ...settings };
}

async function holdPort(host?: string): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, host, listening));
  cleanups.push(() => new Promise((closed) => server.close(() => closed())));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return { port: address.port, server };
}

async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "serve-test-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe("a busy port", () => {
  it("stops the start before the build, naming PORT", async () => {
    const { port } = await holdPort();
    const app = serve(["start", "--build"], { PORT: String(port) });

    expect(await app.exited).toBe(1);
    expect(app.output()).toContain(
      `Port ${port} for the app is in use by another program (perhaps another Risk Dashboard): set PORT=${port + 1} and start again.`,
    );
    expect(app.output()).not.toContain("building the app");
  });

  it("stops the start when the embedded database's port is taken, naming EMBEDDED_DB_PORT", async () => {
    const { port: dbPort } = await holdPort("127.0.0.1");
    const app = serve(["start", "--build"], {
      PORT: String(await freePort()),
      EMBEDDED_DB_PORT: String(dbPort),
      EMBEDDED_DB_DIR: await tempDataDir(),
    });

    expect(await app.exited).toBe(1);
    expect(app.output()).toContain(
      `Port ${dbPort} for the embedded database is in use by another program (perhaps another Risk Dashboard): set EMBEDDED_DB_PORT=${dbPort + 1} (or DATABASE_URL for an external PostgreSQL) and start again.`,
    );
    expect(app.output()).not.toContain("building the app");
  });
});

describe("Ctrl-C", () => {
  it(
    "stops the running app and the embedded database, and exits 0 with one line",
    async () => {
      const port = await freePort();
      const app = serve(["start"], {
        PORT: String(port),
        EMBEDDED_DB_PORT: "0",
        EMBEDDED_DB_DIR: await tempDataDir(),
        SEED_DEMO_DATA: "false",
        PRICE_FEED_INTERVAL_MS: "1000",
      });
      await app.printed(/serving on http:\/\/localhost:\d+/);
      expect((await fetch(`http://127.0.0.1:${port}/api/health/live`)).ok).toBe(true);

      // A terminal signals its whole foreground process group: the launcher and the server.
      app.signal("SIGINT");

      expect(await app.exited).toBe(0);
      expect(app.output().trimEnd().split("\n").at(-1)).toBe("risk-dashboard: stopped.");
      await expect(fetch(`http://127.0.0.1:${port}/api/health/live`)).rejects.toThrow();
    },
    STARTS_THE_APP,
  );
});
