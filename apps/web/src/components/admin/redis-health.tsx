import type { RouterOutputs } from "~/trpc/types.ts";
import { bytes, count, milliseconds } from "./cache-numbers.ts";

type Snapshot = RouterOutputs["admin"]["cacheStats"];

const MODE_NAMES = { redis: "Redis", cluster: "Redis Cluster", memory: "Memory mode" } as const;

/** Where cached values live and, with Redis, whether it answers and how full it is. */
export function RedisHealth({ snapshot }: { snapshot: Snapshot }) {
  const { redis } = snapshot;
  const rows: [string, string][] = redis
    ? [
        ["Connected", redis.connected ? "Yes" : "No"],
        ["Ping", redis.pingMs === null ? "—" : milliseconds(redis.pingMs)],
        ["Used memory", bytes(redis.usedMemoryBytes)],
        ["Evicted keys", count(redis.evictedKeys)],
        ["Serving from", snapshot.fallback ? "Memory fallback (Redis unavailable)" : "Redis"],
      ]
    : [];
  const problem = redis?.error ?? snapshot.lastRedisError;
  return (
    <section className="panel" aria-labelledby="redis-heading">
      <h2 id="redis-heading">Redis health</h2>
      <p data-testid="cache-mode">
        <strong>{MODE_NAMES[snapshot.mode]}</strong>
        {snapshot.disabled ? " · caching is switched off: every read is computed" : ""}
        {snapshot.mode === "memory"
          ? " · no Redis configured: each server caches in its own memory"
          : ""}
      </p>
      {redis ? (
        <dl className="facts">
          {rows.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {problem ? <p className="muted">Last Redis error: {problem}</p> : null}
    </section>
  );
}
