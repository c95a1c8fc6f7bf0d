import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { appServerEnv, chooseRun, currentRun } from "./e2e/support/run.ts";

// A database, Redis key prefix and port of this run's own, picked here in the runner and read
// back from the environment by the workers, the web server and the global setup.
await chooseRun();
const run = currentRun();

// Debian's Chromium where there is one (Playwright cannot download browsers offline);
// CHROMIUM_PATH points elsewhere, and without either Playwright uses its own browser.
const chromiumPath =
  process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  // Traces and artifacts of this run, apart from another run's in the same checkout (a run
  // empties its output folder as it starts).
  outputDir: `test-results/${run.label}`,
  globalSetup: "./e2e/global-setup.ts",
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  // Waits for the app, not claims about its speed: on a loaded 2-core machine a sign-in or a
  // server render can take several seconds. Specs that claim a schedule ("within one poll")
  // wait for the poll itself (e2e/support/polls.ts), not for a duration.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [["list"], ["json", { outputFile: "reports/playwright.json" }]],
  use: { baseURL: run.baseURL, trace: "retain-on-failure" },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  // The production build, on real PostgreSQL and Redis, seeded with the demo data.
  webServer: {
    command: "tsx e2e/prepare-database.ts && tsx scripts/serve.ts start",
    url: `${run.baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "pipe",
    env: appServerEnv(run),
  },
});
