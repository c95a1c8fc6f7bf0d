/**
 * The e2e runs' keys in the shared Redis (one node or a Cluster, as E2E_REDIS_URL says): every
 * key of a run starts with its CACHE_PREFIX and a colon (cache entries, version tokens, sign-in
 * counters). SCAN and UNLINK on every master, never KEYS or FLUSHALL: other runs and the
 * integration tests keep their keys.
 */
import { parseRedisConfig } from "@repo/risk-cache";
import { Cluster, Redis } from "ioredis";

export async function withRedis<T>(url: string, use: (redis: Redis | Cluster) => Promise<T>) {
  const config = parseRedisConfig(url);
  if (config.mode === "memory") throw new Error("E2E_REDIS_URL is empty");
  const redis =
    config.mode === "cluster"
      ? new Cluster(config.nodes, {
          redisOptions: {
            ...(config.password ? { password: config.password } : {}),
            ...(config.tls ? { tls: {} } : {}),
          },
        })
      : new Redis(config.url);
  // A cluster client knows its masters only once ready; a single node queues commands till then.
  if (redis instanceof Cluster) await new Promise((ready) => redis.once("ready", ready));
  try {
    return await use(redis);
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

/** Each key matching `pattern`, master by master. */
async function* scan(redis: Redis | Cluster, pattern: string): AsyncGenerator<string[]> {
  const nodes = redis instanceof Cluster ? redis.nodes("master") : [redis];
  for (const node of nodes) {
    const stream = node.scanStream({ match: pattern, count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) yield keys;
  }
}

/** Deletes every key of `prefix`; returns how many there were. */
export async function deletePrefix(redis: Redis | Cluster, prefix: string): Promise<number> {
  let deleted = 0;
  for await (const keys of scan(redis, `${prefix}:*`)) {
    // One key at a time on a cluster: keys of one batch may live in different slots.
    for (const key of keys) deleted += await redis.unlink(key);
  }
  return deleted;
}

/** The prefixes (the part before the first colon) of the keys matching `pattern`. */
export async function prefixesOf(redis: Redis | Cluster, pattern: string): Promise<Set<string>> {
  const prefixes = new Set<string>();
  for await (const keys of scan(redis, pattern)) {
    for (const key of keys) prefixes.add(key.slice(0, key.indexOf(":")));
  }
  return prefixes;
}
