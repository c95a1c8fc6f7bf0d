import type { Db } from "./client.ts";

export type DatabaseCheck = { ok: true; latencyMs: number } | { ok: false; error: string };

/** One round trip to the database, bounded by `timeoutMs` so a dead server cannot hang a probe. */
export async function checkDatabase(db: Db, timeoutMs = 2_000): Promise<DatabaseCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([db.$queryRaw`SELECT 1`, timeout]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
