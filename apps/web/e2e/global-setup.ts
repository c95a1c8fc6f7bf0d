/**
 * Marks this run as live for as long as it lasts, clears what dead runs left behind, and returns
 * the teardown that removes what this run created: its database (unless E2E_DATABASE_URL named
 * one, kept for a look after the run) and its Redis keys. Playwright runs it after starting the
 * web server, and the teardown before stopping it, so the drop ends the app's connections.
 */
import { dirname } from "node:path";
import type { FullConfig } from "@playwright/test";
import { dropDatabase, droppableName, serverClient } from "./support/postgres.ts";
import { deletePrefix, withRedis } from "./support/redis-keys.ts";
import { currentRun } from "./support/run.ts";
import { holdRunLock } from "./support/run-liveness.ts";
import { sweepLeftovers } from "./support/sweep-leftovers.ts";

const log = (message: string) => console.info(`e2e: ${message}`);

export default async function globalSetup(config: FullConfig) {
  const run = currentRun();
  const releaseLock = await holdRunLock(run.databaseUrl, run.id);
  const database = new URL(run.databaseUrl);
  log(
    `run ${run.id}: ${run.baseURL}, database ${database.pathname.slice(1)} on ${database.host}, key prefix ${run.label}`,
  );
  const outputRoot = dirname(config.projects[0]?.outputDir ?? "test-results/x");
  const swept = await sweepLeftovers(run, outputRoot);
  if (swept.length > 0) log(`cleared the leftovers of dead runs ${swept.join(", ")}`);

  return async () => {
    try {
      if (run.ownsDatabase) {
        const client = await serverClient(run.databaseUrl);
        await dropDatabase(client, droppableName(run.databaseUrl)).finally(() => client.end());
      }
      await withRedis(run.redisUrl, (redis) => deletePrefix(redis, run.label));
    } finally {
      await releaseLock();
    }
  };
}
