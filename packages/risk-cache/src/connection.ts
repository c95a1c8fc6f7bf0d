import { Cluster, Redis, type RedisOptions } from "ioredis";
import type { RedisConfig } from "./config.ts";

export type RedisClient = Redis | Cluster;

/** Reconnect with exponential backoff: 50 ms, 100 ms, … capped at 2 s, forever. */
export const reconnectDelay = (attempt: number) => Math.min(50 * 2 ** attempt, 2_000);

/**
 * A client that fails fast instead of queueing while Redis is away (no offline queue), so a
 * read never waits for a reconnect: it falls back to memory. Per-operation timeouts are kept
 * by RedisGuard, one watchdog for all operations rather than one timer per command.
 */
export function connect(config: Exclude<RedisConfig, { mode: "memory" }>): RedisClient {
  const options: RedisOptions = {
    connectTimeout: 2_000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: reconnectDelay,
  };
  if (config.mode === "redis") return new Redis(config.url, options);
  return new Cluster(config.nodes, {
    enableOfflineQueue: false,
    clusterRetryStrategy: reconnectDelay,
    redisOptions: {
      ...options,
      ...(config.password ? { password: config.password } : {}),
      ...(config.tls ? { tls: {} } : {}),
    },
  });
}

/** A second connection for pub/sub; it queues its SUBSCRIBE until connected and resubscribes. */
export function connectSubscriber(client: RedisClient): RedisClient {
  if (client instanceof Cluster) {
    return client.duplicate(undefined, { enableOfflineQueue: true, shardedSubscribers: true });
  }
  return client.duplicate({ enableOfflineQueue: true });
}
