/**
 * Whether a run is still going, as any other run on the same PostgreSQL server can tell: from
 * global setup to teardown a run holds a session advisory lock on its id, on a connection of its
 * runner process. The lock goes with the connection, however the runner ends (teardown, crash,
 * kill -9), so a run whose lock can be taken is over. Live runs hold it in shared mode: should
 * two run ids hash alike, neither blocks the other, and both still keep sweepers away.
 */
import type pg from "pg";
import { serverClient } from "./postgres.ts";

/** The first key of every e2e run lock ("rd_e" in ASCII), apart from the app's own locks. */
const LOCK_SPACE = 0x72645f65;

/** Holds the run's lock until the returned release is called (or the process ends). */
export async function holdRunLock(databaseUrl: string, runId: string) {
  const client = await serverClient(databaseUrl);
  // Should the server drop the connection, the run loses the lock's protection (sweepers still
  // spare it for its first hours): no reason to crash the runner.
  client.on("error", () => undefined);
  await client.query("SELECT pg_advisory_lock_shared($1, hashtext($2))", [LOCK_SPACE, runId]);
  return async () => {
    await client.end();
  };
}

/**
 * Runs `clean` only if the run `runId` is over, holding its lock meanwhile so that no other
 * sweeper cleans at the same time; returns whether it ran.
 */
export async function ifRunIsOver(
  client: pg.Client,
  runId: string,
  clean: () => Promise<void>,
): Promise<boolean> {
  const key = [LOCK_SPACE, runId];
  const { rows } = await client.query<{ taken: boolean }>(
    "SELECT pg_try_advisory_lock($1, hashtext($2)) AS taken",
    key,
  );
  if (!rows[0]?.taken) return false;
  try {
    await clean();
    return true;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", key);
  }
}
