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

/** Connection, round trip, memory and evictions, summed over the masters of a cluster. */
export async function redisHealth(client: RedisClient): Promise<RedisHealth> {
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
    const message = error instanceof Error ? error.message : String(error);
    return {
      connected: false,
      pingMs: null,
      usedMemoryBytes: null,
      evictedKeys: null,
      error: message,
    };
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
      // One UNLINK per key: in a cluster, keys of one SCAN page may live in different slots.
      for (const key of keys) removed += await node.unlink(key);
    } while (cursor !== "0");
  }
  return removed;
}
