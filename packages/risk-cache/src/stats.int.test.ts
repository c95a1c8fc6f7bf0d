import Decimal from "decimal.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseRedisConfig } from "./config.ts";
import { RiskCache } from "./risk-cache.ts";
import type { CustomType } from "./serializer.ts";
import { BACKENDS } from "./testing/backends.ts";
import { closeCaches } from "./testing/close-caches.ts";
import { heldComputation } from "./testing/held-computation.ts";
import { TEST_KINDS } from "./testing/kinds.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the app registers for Prisma's Decimal (a decimal.js Decimal). */
const decimal: CustomType<Decimal> = {
  name: "Decimal",
  isApplicable: (value): value is Decimal => Decimal.isDecimal(value),
  serialize: (value) => value.toString(),
  deserialize: (text) => new Decimal(text),
};

const trader = { tenantId: "firm", userId: "trader" };

describe.each(BACKENDS)("cache statistics over $name", ({ start }) => {
  let backend: { url: string; stop(): Promise<unknown> };
  beforeAll(async () => {
    backend = await start();
  });
  afterAll(async () => {
    await backend.stop();
  });

  let caches: RiskCache[] = [];
  afterEach(async () => {
    await closeCaches(caches);
    caches = [];
  });

  async function instances(count: number, options = {}) {
    const prefix = `stats-${crypto.randomUUID().slice(0, 8)}`;
    for (let i = 0; i < count; i++) {
      caches.push(
        await RiskCache.create({
          kinds: TEST_KINDS,
          redis: parseRedisConfig(backend.url),
          prefix,
          commandTimeoutMs: 2_000,
          customTypes: [decimal],
          ...options,
        }),
      );
    }
    return caches;
  }

  it("count exactly the hits, misses, stale serves and computations a sequence of reads made", async () => {
    const [a, b] = (await instances(2, {
      kinds: { ...TEST_KINDS, report: { ttlSeconds: 1 } },
      graceSeconds: 30,
    })) as [RiskCache, RiskCache];
    const compute = async () => ({ nav: new Decimal("1234567.8901") });

    const first = await a.getOrCompute("metrics", trader, compute); // miss + computation
    await a.getOrCompute("metrics", trader, compute); // hit (memory)
    await b.getOrCompute("metrics", trader, compute); // hit (redis)
    await a.getOrCompute("report", trader, compute); // miss + computation
    await sleep(1_100);
    const held = heldComputation(compute);
    const recompute = a.getOrCompute("report", trader, held.compute); // stale, lease taken: miss
    await held.started;
    await b.getOrCompute("report", trader, compute); // stale serve
    held.release();
    await recompute;

    expect(first.value.nav).toBeInstanceOf(Decimal);
    expect(first.value.nav.toString()).toBe("1234567.8901");
    const fromRedis = await b.getOrCompute("metrics", trader, compute);
    expect(fromRedis.value.nav.equals(new Decimal("1234567.8901"))).toBe(true);

    const [sa, sb] = await Promise.all([a.snapshot(), b.snapshot()]);
    expect(sa.kinds.metrics).toMatchObject({
      hits: 1,
      misses: 1,
      computations: 1,
      staleServes: 0,
      errors: 0,
    });
    expect(sa.kinds.report).toMatchObject({ hits: 0, misses: 2, computations: 2 });
    expect(sb.kinds.metrics).toMatchObject({ hits: 2, misses: 0, computations: 0 });
    expect(sb.kinds.report).toMatchObject({ staleServes: 1, misses: 0 });
    expect(sa.hitRate).toBeCloseTo(1 / 4, 12);
    expect(sb.hitRate).toBe(1);
    expect(sa.readLatency.count).toBe(4);
    expect(sb.readLatency.count).toBe(3);
    expect(sa.computeLatency.count).toBe(3);
    expect(sa.readLatency.p50Ms).toBeLessThanOrEqual(sa.readLatency.p99Ms);
    expect(sa.redis).toMatchObject({ connected: true });
    expect(sa.redis?.usedMemoryBytes).toBeGreaterThan(0);
    expect(sa.redis?.evictedKeys).toBeGreaterThanOrEqual(0);
    expect(sa.fallback).toBe(false);
  });

  it("counts compute errors, and a failed computation caches nothing", async () => {
    const [a] = (await instances(1)) as [RiskCache];
    await expect(
      a.getOrCompute("limits", trader, async () => Promise.reject(new Error("db down"))),
    ).rejects.toThrow("db down");
    expect((await a.snapshot()).kinds.limits).toMatchObject({ errors: 1, computations: 0 });
    expect(await a.get("limits", trader)).toBeNull();
    expect(
      (await a.getOrCompute("limits", trader, async () => ({ ok: true }))).freshness.source,
    ).toBe("computed");
  });

  it("warms up many users with bounded concurrency", async () => {
    const [a] = (await instances(1)) as [RiskCache];
    const subjects = Array.from({ length: 25 }, (_, i) => ({ tenantId: "firm", userId: `u${i}` }));
    let running = 0;
    let peak = 0;
    // The first computations wait until three run at once, so the peak does not depend on
    // timing: it is 3 when the bound holds and would exceed 3 if it did not.
    let allowThrough: () => void = () => undefined;
    const threeRunning = new Promise<void>((resolve) => {
      allowThrough = resolve;
    });
    const result = await a.warmUp(
      "metrics",
      subjects,
      async (subject) => {
        running++;
        peak = Math.max(peak, running);
        if (running === 3) allowThrough();
        await threeRunning;
        running--;
        if (subject.userId === "u7") throw new Error("no data");
        return { userId: subject.userId };
      },
      { concurrency: 3 },
    );
    expect(result).toEqual({ warmed: 24, failed: 1 });
    expect(peak).toBe(3);
    expect((await a.get("metrics", { tenantId: "firm", userId: "u3" }))?.value).toEqual({
      userId: "u3",
    });
  });
});
