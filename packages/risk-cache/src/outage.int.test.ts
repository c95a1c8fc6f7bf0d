import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { parseRedisConfig } from "./config.ts";
import { RiskCache } from "./risk-cache.ts";
import { heldComputation } from "./testing/held-computation.ts";
import { TEST_KINDS } from "./testing/kinds.ts";
import { type RedisServer, startRedisServer } from "./testing/redis-processes.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const subject = (i: number) => ({ tenantId: "firm", userId: `trader-${i % 20}` });

let server: RedisServer | undefined;
let caches: RiskCache[] = [];
afterEach(async () => {
  await Promise.all(caches.map((cache) => cache.close()));
  caches = [];
  await server?.stop();
  server = undefined;
});

/** Polls a condition about the cache's state (never a duration) for at most `seconds`. */
async function eventually(condition: () => Promise<boolean>, seconds = 15) {
  for (let i = 0; i < seconds * 20; i++) {
    if (await condition()) return;
    await sleep(50);
  }
  throw new Error("condition not reached");
}

describe("when Redis goes down", () => {
  it("keeps every read succeeding, reports the fallback, and returns to Redis after it restarts", async () => {
    server = await startRedisServer();
    const redis = parseRedisConfig(server.url);
    caches = [
      await RiskCache.create({
        kinds: TEST_KINDS,
        redis,
        commandTimeoutMs: 100,
        memory: { ttlMs: 60_000 },
      }),
      await RiskCache.create({ kinds: TEST_KINDS, redis, commandTimeoutMs: 100 }),
    ];
    const [a, b] = caches as [RiskCache, RiskCache];
    let computations = 0;
    const compute = async () => ({ computed: ++computations });
    const beforeOutage = await a.getOrCompute("metrics", subject(0), compute);

    let failures = 0;
    let reads = 0;
    const traffic = async (cache: RiskCache, from: number) => {
      for (let i = from; i < from + 300; i++) {
        // Many users, so reads keep reaching past the in-process tier to Redis.
        await cache
          .getOrCompute("report", { tenantId: "firm", userId: `trader-${i % 200}` }, compute)
          .then(
            () => reads++,
            () => failures++,
          );
        if (i === from + 100 && cache === a) await server?.kill();
        await sleep(2);
      }
    };
    await Promise.all([traffic(a, 0), traffic(b, 1_000)]);
    expect(reads).toBe(600);
    expect(failures).toBe(0);

    const during = await a.snapshot();
    expect(during.fallback).toBe(true);
    expect(a.invalidationsReachEveryInstance).toBe(false);
    expect(during.fallbackReads).toBeGreaterThan(0);
    expect(during.redis?.connected).toBe(false);

    await server.start();
    await eventually(async () => !(await a.snapshot()).fallback && !(await b.snapshot()).fallback);
    const after = await a.snapshot();
    expect(after.redis?.connected).toBe(true);
    await eventually(async () => a.invalidationsReachEveryInstance);
    // The in-process tier was flushed on recovery: the pre-outage copy is not served from memory.
    const reread = await a.getOrCompute("metrics", subject(0), compute);
    expect(reread.freshness.source).not.toBe("memory");
    expect(reread.value).not.toEqual(beforeOutage.value);
    expect((await b.getOrCompute("metrics", subject(0), compute)).freshness.source).toBe("redis");
  });

  it("replays invalidations made while Redis was unreachable before serving from it again", async () => {
    server = await startRedisServer();
    const redis = parseRedisConfig(server.url);
    const admin = new Redis(server.url);
    caches = [
      await RiskCache.create({
        kinds: TEST_KINDS,
        redis,
        commandTimeoutMs: 100,
        failureThreshold: 1,
      }),
    ];
    const [a] = caches as [RiskCache];
    let version = 1;
    const compute = async () => ({ version });
    await a.getOrCompute("profile", subject(1), compute);

    // A slow Redis: every command from the cache times out while clients are paused.
    await admin.client("PAUSE", 1_500, "ALL");
    version = 2;
    // Redis did not take it; the invalidation went to memory, to be replayed. It returns once
    // the bus is heard again (the pause ends) or every instance has had time to go deaf.
    await a.invalidate("profile", subject(1));
    expect((await a.snapshot()).fallbackReads).toBeGreaterThan(0);
    expect((await a.getOrCompute("profile", subject(1), compute)).value.version).toBe(2);

    await eventually(async () => !(await a.snapshot()).fallback);
    // A fresh instance has nothing in memory: what it reads comes from Redis.
    const fresh = await RiskCache.create({ kinds: TEST_KINDS, redis });
    caches.push(fresh);
    expect((await fresh.getOrCompute("profile", subject(1), compute)).value.version).toBe(2);
    await admin.quit();
  });

  it("starts while Redis is down, serves from memory, and moves to Redis once it is up", async () => {
    server = await startRedisServer();
    await server.stop();
    const cache = await RiskCache.create({
      kinds: TEST_KINDS,
      redis: parseRedisConfig(server.url),
      commandTimeoutMs: 100,
    });
    caches = [cache];
    const read = await cache.getOrCompute("alerts", subject(3), async () => ({ open: 2 }));
    expect(read.value).toEqual({ open: 2 });
    expect((await cache.snapshot()).fallback).toBe(true);

    await server.start();
    await eventually(async () => !(await cache.snapshot()).fallback);
    await cache.invalidate("alerts", subject(3));
    expect(
      (await cache.getOrCompute("alerts", subject(3), async () => ({ open: 3 }))).value,
    ).toEqual({ open: 3 });
    expect((await cache.get("alerts", subject(3)))?.freshness.source).toBe("memory");
  });

  it("keeps one computation across instances when a Redis command times out mid-wait", async () => {
    server = await startRedisServer();
    const admin = new Redis(server.url);
    // Slow answers fail after 100 ms, but not enough of them to call Redis down.
    const options = {
      kinds: TEST_KINDS,
      redis: parseRedisConfig(server.url),
      commandTimeoutMs: 100,
      failureThreshold: 50,
    };
    caches = [await RiskCache.create(options), await RiskCache.create(options)];
    const [a, b] = caches as [RiskCache, RiskCache];
    let computations = 0;
    const compute = async () => ({ run: ++computations });
    const held = heldComputation(compute);
    const first = a.getOrCompute("metrics", subject(7), held.compute);
    await held.started;
    const second = b.getOrCompute("metrics", subject(7), compute);
    await eventually(async () => (await b.snapshot()).leaseWaits === 1); // b waits on a's lease
    // Long enough that b's polls meet it however slowly this process runs; too short to call
    // Redis down (about ten 100 ms timeouts, under the threshold of 50).
    await admin.call("CLIENT", "PAUSE", "1000");
    await sleep(1_050);
    held.release();
    const [fromA, fromB] = await Promise.all([first, second]);
    expect((await b.snapshot()).fallbackReads).toBeGreaterThan(0); // the hiccup happened
    expect(fromB.value).toEqual(fromA.value);
    expect(computations).toBe(1);
    await admin.quit();
  });

  it("takes the lease it was granted even when the answer granting it timed out", async () => {
    server = await startRedisServer();
    const admin = new Redis(server.url);
    const cache = await RiskCache.create({
      kinds: TEST_KINDS,
      redis: parseRedisConfig(server.url),
      commandTimeoutMs: 100,
      failureThreshold: 50,
      leaseTtlMs: 3_000,
    });
    caches = [cache];
    // Redis runs the read (and grants the lease) only after the cache has given up waiting. The
    // pause outlasts any stall of this process before the read is sent, and ends within the
    // lease's 3 s.
    await admin.call("CLIENT", "PAUSE", "2000");
    const read = await cache.getOrCompute("metrics", subject(8), async () => ({ n: 1 }));
    expect(read.freshness.source).toBe("computed");
    const stats = await cache.snapshot();
    expect(stats.fallbackReads).toBeGreaterThan(0); // the answer was lost
    expect(stats.leaseWaits).toBe(0); // and the lease was not mistaken for someone else's
    await admin.quit();
  });

  it("stops vouching for its memory before a write made while Redis hangs returns, and drops what it kept once it hears again", async () => {
    server = await startRedisServer();
    const options = {
      kinds: TEST_KINDS,
      redis: parseRedisConfig(server.url),
      commandTimeoutMs: 100,
      ackTimeoutMs: 500,
      memory: { ttlMs: 60_000 },
    };
    caches = [await RiskCache.create(options), await RiskCache.create(options)];
    const [a, b] = caches as [RiskCache, RiskCache];
    const heardByB: string[] = [];
    b.onInvalidation((invalidation) => heardByB.push(invalidation.scope));
    await b.getOrCompute("metrics", subject(9), async () => ({ n: 1 }));
    expect(b.invalidationsReachEveryInstance).toBe(true);

    // A hung Redis keeps every connection "ready" and delivers nothing.
    server.pause();
    await a.invalidate("metrics", subject(9));
    // The write could not reach B; by the time it returns, B no longer vouches for what it
    // remembers (sessions are then checked in PostgreSQL, book values against their version).
    expect(b.invalidationsReachEveryInstance).toBe(false);
    expect(heardByB).not.toContain("entry");

    server.resume();
    await eventually(async () => b.invalidationsReachEveryInstance);
    // An idle instance that missed messages drops every copy and remembered session at once.
    expect(heardByB).toContain("all");
    const reread = await b.getOrCompute("metrics", subject(9), async () => ({ n: 2 }));
    expect(reread.value).toEqual({ n: 2 });
  });

  it("flushes its in-process copies after its invalidation subscription reconnects", async () => {
    server = await startRedisServer();
    const admin = new Redis(server.url);
    const cache = await RiskCache.create({
      kinds: TEST_KINDS,
      redis: parseRedisConfig(server.url),
      memory: { ttlMs: 60_000 },
    });
    caches = [cache];
    const heard: string[] = [];
    cache.onInvalidation((invalidation) => heard.push(invalidation.scope));
    await cache.getOrCompute("metrics", subject(5), async () => ({ n: 1 }));
    expect(
      (await cache.getOrCompute("metrics", subject(5), async () => ({ n: 2 }))).freshness.source,
    ).toBe("memory");

    // Messages sent while the subscription was down are lost; copies may be stale.
    await admin.call("CLIENT", "KILL", "TYPE", "pubsub");
    await eventually(async () => {
      const read = await cache.getOrCompute("metrics", subject(5), async () => ({ n: 2 }));
      return read.freshness.source !== "memory";
    });
    // State kept beside the cache is told to drop its copies too.
    expect(heard).toContain("all");
    await admin.quit();
  });
});
