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
    return { ok: false, error: describeError(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Prisma wraps the driver's reason in several lines of context; the reason is what an operator
 * needs ("Can't reach database server at 127.0.0.1:5432").
 */
function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const driverMessage = /Message: `([^`]+)`/.exec(message)?.[1];
  const lastLine = message
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .at(-1);
  return (driverMessage ?? lastLine ?? "unknown error").slice(0, 300);
}
