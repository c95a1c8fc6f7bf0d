import { databasePool } from "@repo/db";
import { RiskCache } from "@repo/risk-cache";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_CACHE_POLICY } from "../cache-policy.ts";
import { type ApiFixture, createApiFixture, TEST_REDIS_MODE } from "../testing/api-fixture.ts";
import { createApiMetrics } from "./api-metrics.ts";

/** The value of the one sample of `name` whose labels include `labels`; undefined when none. */
function sample(text: string, name: string, labels: Record<string, string> = {}) {
  const values: number[] = [];
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) {
      values.push(Number(match[3]));
    }
  }
  expect(values.length, `samples of ${name} ${JSON.stringify(labels)}`).toBeLessThanOrEqual(1);
  return values[0];
}

let fixture: ApiFixture;
beforeAll(async () => {
  fixture = await createApiFixture();
});
afterAll(() => fixture.close());

describe("API metrics registry", () => {
  it("reports procedure latency, the cache's statistics, the pool and the process", async () => {
    const pool = databasePool(fixture.deps.db);
    expect(pool).toBeDefined();
    const metrics = createApiMetrics({ cache: fixture.deps.cache, pool, processMetrics: true });
    fixture.deps.metrics = metrics;

    const maya = await fixture.callerAs("maya@northwind.example.com");
    await maya.risk.dashboard(); // a miss: computed and cached
    await maya.risk.dashboard(); // a hit
    await expect(fixture.anonymous().risk.dashboard()).rejects.toThrow();
    const text = await metrics.registry.metrics();

    const count = (procedure: string, type: string, code: string) =>
      sample(text, "rd_trpc_request_duration_seconds_count", { procedure, type, code });
    expect(count("auth.login", "mutation", "OK")).toBe(1);
    expect(count("risk.dashboard", "query", "OK")).toBe(2);
    expect(count("risk.dashboard", "query", "UNAUTHORIZED")).toBe(1);

    const metricsKind = { kind: "metrics" };
    expect(sample(text, "rd_cache_misses_total", metricsKind)).toBe(1);
    expect(sample(text, "rd_cache_hits_total", metricsKind)).toBe(1);
    expect(sample(text, "rd_cache_computations_total", metricsKind)).toBe(1);
    expect(sample(text, "rd_cache_stale_serves_total", metricsKind)).toBe(0);
    expect(sample(text, "rd_cache_errors_total", metricsKind)).toBe(0);
    expect(sample(text, "rd_cache_hit_ratio", metricsKind)).toBe(0.5);
    expect(sample(text, "rd_cache_hit_ratio", { kind: "profile" })).toBe(0);
    expect(sample(text, "rd_cache_lease_waits_total")).toBe(0);
    expect(sample(text, "rd_cache_rejected_stale_sets_total")).toBe(0);
    const computeP50 = sample(text, "rd_cache_compute_latency_seconds", { quantile: "0.5" });
    expect(computeP50).toBeGreaterThan(0);
    expect(
      sample(text, "rd_cache_compute_latency_seconds", { quantile: "0.99" }),
    ).toBeGreaterThanOrEqual(computeP50 ?? 0);
    // The mode label says whether the cache runs on one Redis or a Redis Cluster.
    expect(sample(text, "rd_cache_redis_connected", { mode: TEST_REDIS_MODE })).toBe(1);
    expect(sample(text, "rd_cache_fallback", { mode: TEST_REDIS_MODE })).toBe(0);
    expect(sample(text, "rd_cache_redis_used_memory_bytes")).toBeGreaterThan(0);

    // Nothing is in flight at scrape time: every open connection is idle, nobody waits.
    const connections = sample(text, "rd_db_pool_connections");
    expect(connections).toBeGreaterThanOrEqual(1);
    expect(connections).toBe(pool?.totalCount);
    expect(sample(text, "rd_db_pool_idle_connections")).toBe(connections);
    expect(sample(text, "rd_db_pool_waiting_queries")).toBe(0);

    expect(sample(text, "process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(sample(text, "nodejs_eventloop_lag_seconds")).toBeDefined();
    expect(metrics.registry.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it("has no Redis series when the cache runs in memory", async () => {
    const cache = await RiskCache.create(API_CACHE_POLICY);
    let snapshots = 0;
    const counted = {
      snapshot: () => {
        snapshots++;
        return cache.snapshot();
      },
      thisInstance: () => cache.thisInstance(),
    };
    const metrics = createApiMetrics({ cache: counted });
    await cache.getOrCompute("profile", { tenantId: "t", userId: "u" }, async () => 1);
    const text = await metrics.registry.metrics();
    // One snapshot (in Redis mode: one PING and INFO) per scrape, not one per metric.
    expect(snapshots).toBe(1);
    expect(sample(text, "rd_cache_misses_total", { kind: "profile" })).toBe(1);
    expect(text).not.toMatch(/^rd_cache_redis_connected/m);
    expect(text).not.toMatch(/^rd_cache_fallback /m);
    expect(text).toMatch(/^# TYPE rd_cache_redis_connected gauge$/m);
  });
});
