import { Cluster, type Redis } from "ioredis";
import type { RedisClient } from "./connection.ts";

export interface RedisHealth {
  connected: boolean;
  pingMs: number | null;
  usedMemoryBytes: number | null;
  evictedKeys: number | null;
  error?: string;
}

function nodesOf(client: RedisClient): Redis[] {
  return client instanceof Cluster ? client.nodes("master") : [client];
}

function infoField(info: string, field: string): number | null {
  const match = new RegExp(`^${field}:(\\d+)`, "m").exec(info);
  return match ? Number(match[1]) : null;
}

const HEALTH_TIMEOUT_MS = 1_000;

/**
 * Connection, round trip, memory and evictions, summed over the masters of a cluster; a Redis
 * that does not answer within a second is reported as not connected.
 */
export async function redisHealth(client: RedisClient): Promise<RedisHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<RedisHealth>((resolve) => {
    timer = setTimeout(
      () => resolve(unhealthy(`no answer within ${HEALTH_TIMEOUT_MS} ms`)),
      HEALTH_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([measure(client), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function unhealthy(error: string): RedisHealth {
  return { connected: false, pingMs: null, usedMemoryBytes: null, evictedKeys: null, error };
}

async function measure(client: RedisClient): Promise<RedisHealth> {
  try {
    const started = performance.now();
    await client.ping();
    const pingMs = Math.round((performance.now() - started) * 100) / 100;
    let usedMemoryBytes = 0;
    let evictedKeys = 0;
    for (const node of nodesOf(client)) {
      const info = await node.info();
      usedMemoryBytes += infoField(info, "used_memory") ?? 0;
      evictedKeys += infoField(info, "evicted_keys") ?? 0;
    }
    return { connected: true, pingMs, usedMemoryBytes, evictedKeys };
  } catch (error) {
    return unhealthy(error instanceof Error ? error.message : String(error));
  }
}

/** SCAN + UNLINK of `<namespace>:*` on every master; never KEYS, never FLUSHALL. */
export async function clearNamespace(client: RedisClient, namespace: string): Promise<number> {
  let removed = 0;
  for (const node of nodesOf(client)) {
    let cursor = "0";
    do {
      const [next, keys] = await node.scan(cursor, "MATCH", `${namespace}:*`, "COUNT", 500);
      cursor = next;
      // One UNLINK per key (in a cluster, keys of one SCAN page may live in different slots),
      // sent as one pipeline per page.
      if (keys.length === 0) continue;
      const pipeline = node.pipeline();
      for (const key of keys) pipeline.unlink(key);
      for (const [error, count] of (await pipeline.exec()) ?? []) {
        if (error) throw error;
        removed += count as number;
      }
    } while (cursor !== "0");
  }
  return removed;
}
