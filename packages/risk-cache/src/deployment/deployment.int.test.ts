import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseRedisConfig } from "../config.ts";
import { connect, type RedisClient } from "../connection.ts";
import { clearNamespace } from "../redis-admin.ts";
import { RiskCache } from "../risk-cache.ts";
import { CacheStats } from "../stats.ts";
import { BACKENDS } from "../testing/backends.ts";
import { TEST_KINDS } from "../testing/kinds.ts";
import { DeploymentReporter } from "./deployment-reporter.ts";
import { deploymentSeries, recentTotals } from "./deployment-series.ts";
import { MAX_SAMPLES, sumFigures } from "./instance-report.ts";
import { RedisDeploymentStore } from "./redis-deployment-store.ts";

const INTERVAL_MS = 10_000;
const STALE_AFTER_MS = 3 * INTERVAL_MS;

/** An instance whose counters the test sets, reporting when the test says, at the time it says. */
function instance(store: RedisDeploymentStore, memoryBytes = 1_000) {
  const stats = new CacheStats(["metrics"]);
  const reporter = new DeploymentReporter(
    {
      stats: () => stats.snapshot(),
      readLatencySinceLastReport: () => stats.readLatencySinceLastCall(),
      fallback: () => false,
      usedMemoryBytes: async () => memoryBytes,
    },
    INTERVAL_MS,
    store,
  );
  const read = (hits: number, misses: number) => {
    for (let i = 0; i < hits; i++) stats.count("metrics", "hits");
    for (let i = 0; i < misses; i++) stats.count("metrics", "misses");
  };
  return { stats, reporter, read };
}

describe.each(BACKENDS)("the deployment's instances over $name", ({ start }) => {
  let backend: { url: string; stop(): Promise<unknown> };
  let client: RedisClient;
  let namespace: string;
  let store: RedisDeploymentStore;
  beforeAll(async () => {
    backend = await start();
    const config = parseRedisConfig(backend.url);
    if (config.mode === "memory") throw new Error("the backends are Redis");
    client = connect(config);
    await new Promise((ready) => client.once("ready", ready));
  });
  afterAll(async () => {
    await client.quit();
    await backend.stop();
  });
  afterEach(async () => {
    await clearNamespace(client, namespace);
  });
  const freshStore = () => {
    namespace = `deployment-${crypto.randomUUID().slice(0, 8)}:v3`;
    store = new RedisDeploymentStore(client, namespace, STALE_AFTER_MS, 2_000);
    return store;
  };

  it("shows every instance with its figures, and their sum, to each of them", async () => {
    freshStore();
    const a = instance(store, 2_000);
    const b = instance(store, 3_000);
    const t0 = Date.now();
    await a.reporter.publish(t0);
    await b.reporter.publish(t0);
    a.read(9, 1);
    b.read(1, 9);
    await a.reporter.publish(t0 + INTERVAL_MS);
    await b.reporter.publish(t0 + INTERVAL_MS);

    for (const reporter of [a.reporter, b.reporter]) {
      const view = await reporter.deployment(t0 + INTERVAL_MS);
      expect(view.shared).toBe(true);
      expect(view.instances.map((i) => i.id).sort()).toEqual(
        [a.reporter.identity.id, b.reporter.identity.id].sort(),
      );
      const total = sumFigures(view.instances.map((i) => i.figures));
      expect(total).toMatchObject({ reads: 20, hits: 10, misses: 10, hitRate: 0.5 });
      // The interval's point sums both instances; memory is Redis's, measured by both.
      const last = deploymentSeries(view.instances, INTERVAL_MS).at(-1);
      expect(last).toMatchObject({ reads: 20, hits: 10, hitRate: 0.5, usedMemoryBytes: 3_000 });
    }
    const [viewOfA] = (await a.reporter.deployment(t0 + INTERVAL_MS)).instances.filter(
      (i) => i.id === a.reporter.identity.id,
    );
    expect(viewOfA?.figures).toMatchObject({ reads: 10, hits: 9, hitRate: 0.9 });
    expect(viewOfA && recentTotals(viewOfA, INTERVAL_MS, 60_000, t0 + INTERVAL_MS)).toEqual({
      reads: 10,
      hits: 9,
      fallbackReads: 0,
    });
  });

  it("drops an instance that stopped reporting", async () => {
    freshStore();
    const gone = instance(store);
    const alive = instance(store);
    const t0 = Date.now();
    await gone.reporter.publish(t0);
    await alive.reporter.publish(t0 + STALE_AFTER_MS + 1);
    const view = await alive.reporter.deployment(t0 + STALE_AFTER_MS + 1);
    expect(view.instances.map((i) => i.id)).toEqual([alive.reporter.identity.id]);
  });

  it("keeps an hour of samples per instance", async () => {
    freshStore();
    const busy = instance(store);
    const t0 = Date.now();
    for (let i = 0; i <= MAX_SAMPLES; i++) await busy.reporter.publish(t0 + i * INTERVAL_MS);
    const now = t0 + MAX_SAMPLES * INTERVAL_MS;
    const [view] = (await busy.reporter.deployment(now)).instances;
    expect(view?.series).toHaveLength(MAX_SAMPLES);
    expect(view?.series.at(-1)?.at).toBe(now);
    expect(await client.llen(`${namespace}:series:${busy.reporter.identity.id}:{instances}`)).toBe(
      MAX_SAMPLES,
    );
  });

  it("lists two caches of one prefix as the two instances of a deployment", async () => {
    const prefix = `deployment-${crypto.randomUUID().slice(0, 8)}`;
    namespace = `${prefix}:v3`;
    const options = {
      kinds: TEST_KINDS,
      redis: parseRedisConfig(backend.url),
      prefix,
      // Each reports as it starts; the next report would come after the test.
      reportIntervalMs: 3_600_000,
    };
    const caches = [await RiskCache.create(options), await RiskCache.create(options)];
    try {
      const views = await Promise.all(caches.map((cache) => cache.deployment()));
      for (const view of views) {
        expect(view.shared).toBe(true);
        expect(view.instances).toHaveLength(2);
      }
      expect(new Set(views.map((view) => view.self)).size).toBe(2);
    } finally {
      await Promise.all(caches.map((cache) => cache.close()));
    }
  });
});

describe("the deployment in memory mode", () => {
  it("is this instance alone, with its own series", async () => {
    const cache = await RiskCache.create({ kinds: TEST_KINDS, reportIntervalMs: 3_600_000 });
    try {
      await cache.getOrCompute("metrics", { tenantId: "t", userId: "u" }, async () => 1);
      const view = await cache.deployment();
      expect(view.shared).toBe(false);
      expect(view.instances).toHaveLength(1);
      expect(view.instances[0]?.id).toBe(view.self);
      expect(view.instances[0]?.series).toHaveLength(1);
      expect(view.instances[0]?.figures).toMatchObject({ reads: 0 });
    } finally {
      await cache.close();
    }
  });
});
