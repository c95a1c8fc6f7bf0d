/**
 * Clears what runs that died left behind (runner killed, machine lost before teardown): their
 * databases, Redis keys and output folders. A run's leftovers go only when both say it is over:
 * it started more than MIN_AGE_MS ago, and its lock is free (run-liveness.ts). The lock alone
 * would not do, as a run creates its database (web server start) before it takes the lock
 * (global setup); the age alone would not either, as nothing bounds how long a run may take.
 */
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { dropDatabase, serverClient } from "./postgres.ts";
import { deletePrefix, prefixesOf, withRedis } from "./redis-keys.ts";
import { databaseNameOf, type E2eRun, labelOf, runIdOf, startedAt } from "./run.ts";
import { ifRunIsOver } from "./run-liveness.ts";

/** Far longer than a run's web server takes to start (3 minutes at most). */
const MIN_AGE_MS = 3 * 60 * 60 * 1_000;

export async function sweepLeftovers(run: E2eRun, outputRoot: string): Promise<string[]> {
  const swept: string[] = [];
  const client = await serverClient(run.databaseUrl);
  try {
    await withRedis(run.redisUrl, async (redis) => {
      const { rows } = await client.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE 'rd\\_e2e\\_%'",
      );
      const names = [
        ...rows.map((row) => row.datname),
        ...(await prefixesOf(redis, "e2e-*")),
        ...(await readdir(outputRoot).catch(() => [])),
      ];
      const runs = new Set(names.map(runIdOf).filter((id): id is string => id !== null));
      for (const id of runs) {
        if (id === run.id || Date.now() - startedAt(id) < MIN_AGE_MS) continue;
        const cleaned = await ifRunIsOver(client, id, async () => {
          await dropDatabase(client, databaseNameOf(id));
          await deletePrefix(redis, labelOf(id));
          await rm(join(outputRoot, labelOf(id)), { recursive: true, force: true });
        });
        if (cleaned) swept.push(id);
      }
    });
  } finally {
    await client.end();
  }
  return swept;
}
