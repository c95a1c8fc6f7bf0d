import type { Redis } from "ioredis";

/** Deletes every key of a run's prefix (SCAN + UNLINK), so runs leave nothing behind. */
export async function clearPrefix(redis: Redis, prefix: string): Promise<void> {
  for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<
    string[]
  >) {
    if (keys.length > 0) await redis.unlink(...keys);
  }
}
