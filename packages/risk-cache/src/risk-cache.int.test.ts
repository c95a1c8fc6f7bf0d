// Over 400 lines on purpose: the cache's behaviour as one table of cases run on every backend
// (single Redis, cluster) by one describe.each, with a short in-memory section after it.
import { Cluster, Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { parseRedisConfig } from "./config.ts";
import { CacheKeyError, entryKeys } from "./keys.ts";
import type { RiskCacheOptions } from "./options.ts";
import { RiskCache } from "./risk-cache.ts";
import { CacheSerializationError } from "./serializer.ts";
import { BACKENDS } from "./testing/backends.ts";
import { closeCaches } from "./testing/close-caches.ts";
import { heldComputation } from "./testing/held-computation.ts";
import { TEST_KINDS, type TestKind } from "./testing/kinds.ts";

function adminClient(url: string): Redis | Cluster {
  const config = parseRedisConfig(url);
  return config.mode === "cluster" ? new Cluster(config.nodes) : new Redis(url);
}

/** Keys of a namespace on every master, by SCAN. */
async function keysOf(admin: Redis | Cluster, prefix: string): Promise<string[]> {
  const nodes = admin instanceof Cluster ? admin.nodes("master") : [admin];
  const found: string[] = [];
  for (const node of nodes) {
    let cursor = "0";
    do {
      const [next, keys] = await node.scan(cursor, "MATCH", `${prefix}:*`);
      cursor = next;
      found.push(...keys);
    } while (cursor !== "0");
  }
  return found;
}

const alice = { tenantId: "t1", userId: "alice" };
const bob = { tenantId: "t1", userId: "bob" };
const carol = { tenantId: "t2", userId: "carol" };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Sleeps until the wall clock (Redis's too, on this machine) reads `ms`. */
const sleepUntil = (ms: number) => sleep(Math.max(0, ms - Date.now()));

/** A stand-in for the database: a version that writers bump, and a counted computation. */
function source(initial = 1) {
  const state = { version: initial, computations: 0 };
  return {
    state,
    compute: async () => {
      state.computations++;
      const version = state.version;
      await sleep(5);
      return { version, asOf: new Date("2026-11-25T12:00:00Z") };
    },
  };
}

describe.each(BACKENDS)("RiskCache over $name", ({ start }) => {
  let backend: { url: string; stop(): Promise<unknown> };
  let admin: Redis | Cluster;
  beforeAll(async () => {
    backend = await start();
    admin = adminClient(backend.url);
  });
  afterAll(async () => {
    await admin.quit();
    await backend.stop();
  });

  let prefix: string;
  let caches: RiskCache[] = [];
  beforeEach(() => {
    prefix = `test-${crypto.randomUUID().slice(0, 8)}`;
  });
  afterEach(async () => {
    await closeCaches(caches);
    caches = [];
  });

  async function instance(options: Partial<RiskCacheOptions<TestKind>> = {}) {
    // Generous command and acknowledgement timeouts: these tests check leases and versions, and a
    // loaded CI machine must not turn them into tests of the fallback (outage.int.test.ts covers
    // that) or of a missed acknowledgement.
    const cache = await RiskCache.create({
      kinds: TEST_KINDS,
      redis: parseRedisConfig(backend.url),
      prefix,
      commandTimeoutMs: 2_000,
      ackTimeoutMs: 30_000,
      ...options,
    });
    caches.push(cache);
    return cache;
  }

  describe("the cache", () => {
    it("computes on a miss, then serves from process memory, and from Redis on another instance", async () => {
      // A minute in process memory: the second read is from memory whatever the machine's pace.
      const inMemory = { memory: { ttlMs: 60_000 } };
      const [a, b] = [await instance(inMemory), await instance(inMemory)];
      const db = source();
      const first = await a.getOrCompute("metrics", alice, db.compute);
      expect(first.freshness.source).toBe("computed");
      expect(first.value.asOf).toBeInstanceOf(Date);
      expect((await a.getOrCompute("metrics", alice, db.compute)).freshness.source).toBe("memory");
      const fromB = await b.getOrCompute("metrics", alice, db.compute);
      expect(fromB.freshness.source).toBe("redis");
      expect(fromB.value).toEqual(first.value);
      expect(fromB.value.asOf).toBeInstanceOf(Date);
      expect(db.state.computations).toBe(1);
      expect(fromB.freshness.ageMs).toBeGreaterThanOrEqual(0);
    });

    it("keeps a kind's in-process copy for the kind's own memoryTtlMs", async () => {
      // L1 lives 50 ms for every kind but the versioned one, which is kept a minute.
      const a = await instance({
        kinds: { ...TEST_KINDS, report: { ttlSeconds: 600, memoryTtlMs: 60_000 } },
        memory: { ttlMs: 50 },
      });
      const db = source();
      await a.getOrCompute("metrics", alice, db.compute);
      await a.getOrCompute("report", alice, db.compute);
      await sleep(150);
      expect((await a.getOrCompute("metrics", alice, db.compute)).freshness.source).toBe("redis");
      expect((await a.getOrCompute("report", alice, db.compute)).freshness.source).toBe("memory");
      expect(db.state.computations).toBe(2);
    });

    it("reaches the in-process copy of every instance when one invalidates", async () => {
      const inMemory = { memory: { ttlMs: 60_000 } };
      const [a, b] = [await instance(inMemory), await instance(inMemory)];
      const db = source();
      await a.getOrCompute("metrics", alice, db.compute);
      await b.getOrCompute("metrics", alice, db.compute);
      expect((await b.getOrCompute("metrics", alice, db.compute)).freshness.source).toBe("memory");

      db.state.version = 2;
      await a.invalidate("metrics", alice);
      const after = await b.getOrCompute("metrics", alice, db.compute);
      expect(after.value.version).toBe(2);
      expect(after.freshness.source).toBe("computed");
      expect((await a.snapshot()).invalidationAckTimeouts).toBe(0);
    });

    it("tells listeners on every instance of each invalidation before it returns", async () => {
      const [a, b] = [await instance(), await instance()];
      expect(a.invalidationsReachEveryInstance).toBe(true);
      const heardOnB: unknown[] = [];
      b.onInvalidation((invalidation) => heardOnB.push(invalidation));
      const heardOnA: unknown[] = [];
      const stopListening = a.onInvalidation((invalidation) => heardOnA.push(invalidation));

      await a.invalidateUser(alice);
      expect(heardOnB).toEqual([{ scope: "user", ...alice }]);
      expect(heardOnA).toContainEqual({ scope: "user", ...alice });

      stopListening();
      await a.invalidateTenant("t2");
      expect(heardOnB).toEqual([
        { scope: "user", ...alice },
        { scope: "tenant", tenantId: "t2" },
      ]);
      expect(heardOnA).not.toContainEqual({ scope: "tenant", tenantId: "t2" });
    });

    it("never stores a value computed before an invalidation (no stale set)", async () => {
      const [a, b] = [await instance(), await instance()];
      const db = source();
      const held = heldComputation(() => ({ version: db.state.version, asOf: new Date() }));
      const slow = a.getOrCompute("metrics", alice, held.compute);
      await held.started;
      db.state.version = 2;
      await b.invalidate("metrics", alice);
      held.release();
      expect((await slow).value.version).toBe(1);

      expect((await a.snapshot()).rejectedStaleSets).toBe(1);
      expect((await a.getOrCompute("metrics", alice, db.compute)).value.version).toBe(2);
      expect((await b.getOrCompute("metrics", alice, db.compute)).value.version).toBe(2);
    });

    it("runs one computation for many concurrent misses across two instances", async () => {
      const [a, b] = [await instance(), await instance()];
      const db = source();
      const slowCompute = async () => {
        await sleep(100);
        return db.compute();
      };
      const reads = Array.from({ length: 200 }, (_, i) =>
        (i % 2 ? a : b).getOrCompute("metrics", alice, slowCompute),
      );
      const values = await Promise.all(reads);
      expect(db.state.computations).toBe(1);
      expect(new Set(values.map((r) => r.value.version))).toEqual(new Set([1]));
      const [statsA, statsB] = await Promise.all([a.snapshot(), b.snapshot()]);
      expect(statsA.kinds.metrics.computations + statsB.kinds.metrics.computations).toBe(1);
      expect(statsA.leaseWaits + statsB.leaseWaits).toBeGreaterThanOrEqual(1);
    });

    it("takes over a lease whose holder died once the lease expires", async () => {
      const a = await instance();
      const db = source();
      const lease = entryKeys("metrics", alice, prefix).lease;
      // The dead holder's lease runs out only once the reader is waiting on it, so the reader
      // meets it held however late it starts (and its own wait, 10 s, is far off).
      await admin.set(lease, "a-crashed-process");
      const reading = a.getOrCompute("metrics", alice, db.compute);
      await vi.waitFor(async () => expect((await a.snapshot()).leaseWaits).toBe(1), {
        timeout: 30_000,
      });
      expect(db.state.computations).toBe(0);
      await admin.pexpire(lease, 100);
      const read = await reading;
      expect(read.freshness.source).toBe("computed");
      expect(db.state.computations).toBe(1);
      expect((await a.snapshot()).leaseWaits).toBe(1);
    });

    it("invalidates every user of a tenant in one command, and no other tenant", async () => {
      const [a, b] = [await instance(), await instance()];
      const db = source();
      for (const user of [alice, bob, carol]) await a.getOrCompute("metrics", user, db.compute);
      for (const user of [alice, bob, carol]) await b.getOrCompute("metrics", user, db.compute);
      db.state.version = 2;
      await a.invalidateTenant("t1");
      expect((await b.getOrCompute("metrics", alice, db.compute)).value.version).toBe(2);
      expect((await b.getOrCompute("metrics", bob, db.compute)).value.version).toBe(2);
      expect((await b.getOrCompute("metrics", carol, db.compute)).value.version).toBe(1);
      expect((await a.getOrCompute("metrics", bob, db.compute)).value.version).toBe(2);
    });

    it("invalidates every kind of one user, and no other user", async () => {
      const a = await instance();
      const db = source();
      await a.getOrCompute("metrics", alice, db.compute);
      await a.getOrCompute("profile", alice, db.compute);
      await a.getOrCompute("metrics", bob, db.compute);
      db.state.version = 2;
      await a.invalidateUser(alice);
      expect((await a.getOrCompute("metrics", alice, db.compute)).value.version).toBe(2);
      expect((await a.getOrCompute("profile", alice, db.compute)).value.version).toBe(2);
      expect((await a.getOrCompute("metrics", bob, db.compute)).value.version).toBe(1);
    });

    it("keeps each variant of a user's value apart, and drops them all with the user", async () => {
      const [a, b] = [await instance(), await instance()];
      const db = source();
      const atV1 = { ...alice, variant: "v1" };
      const atV2 = { ...alice, variant: "v2" };
      await a.getOrCompute("metrics", atV1, db.compute);
      db.state.version = 2;
      await a.getOrCompute("metrics", atV2, db.compute);
      // Each variant is its own entry, on this instance and the other.
      expect((await b.getOrCompute("metrics", atV1, db.compute)).value.version).toBe(1);
      expect((await b.getOrCompute("metrics", atV2, db.compute)).value.version).toBe(2);
      expect((await a.getOrCompute("metrics", atV1, db.compute)).value.version).toBe(1);
      db.state.version = 3;
      await a.invalidateUser(alice);
      for (const cache of [a, b]) {
        for (const variant of [atV1, atV2]) {
          expect((await cache.getOrCompute("metrics", variant, db.compute)).value.version).toBe(3);
        }
      }
    });

    it("keeps a processOnly kind in each process: computed once there, never in Redis", async () => {
      const local = { kinds: { ...TEST_KINDS, report: { ttlSeconds: 60, processOnly: true } } };
      const [a, b] = [await instance(local), await instance(local)];
      const db = source();
      // Concurrent first reads in one process compute once.
      await Promise.all([1, 2, 3].map(() => a.getOrCompute("report", alice, db.compute)));
      expect(db.state.computations).toBe(1);
      expect((await a.getOrCompute("report", alice, db.compute)).freshness.source).toBe("memory");
      // Another process finds nothing shared and computes its own.
      expect(await (await instance(local)).get("report", alice)).toBeNull();
      expect((await b.getOrCompute("report", alice, db.compute)).freshness.source).toBe("computed");
      expect(db.state.computations).toBe(2);
      // A user's invalidation made on one instance reaches the other's memory too.
      db.state.version = 2;
      await b.invalidateUser(alice);
      for (const cache of [a, b]) {
        expect((await cache.getOrCompute("report", alice, db.compute)).value.version).toBe(2);
      }
    });

    it("writes a profile through, so both instances read the new one without computing", async () => {
      const [a, b] = [await instance(), await instance()];
      const db = source();
      await b.getOrCompute("profile", alice, db.compute);
      await a.set("profile", alice, { version: 7, asOf: new Date() });
      expect((await b.getOrCompute("profile", alice, db.compute)).value.version).toBe(7);
      expect((await a.getOrCompute("profile", alice, db.compute)).value.version).toBe(7);
      expect(db.state.computations).toBe(1);
    });

    it("serves the previous value as stale within the grace period while one caller recomputes", async () => {
      const [a, b] = [
        await instance({
          kinds: { ...TEST_KINDS, metrics: { ttlSeconds: 1 } },
          graceSeconds: 30,
          memory: { ttlMs: 50 },
        }),
        await instance(),
      ];
      const db = source();
      await a.getOrCompute("metrics", alice, db.compute);
      await sleep(1_100);
      db.state.version = 2;
      const held = heldComputation(() => db.compute());
      const recomputing = a.getOrCompute("metrics", alice, held.compute);
      await held.started;
      const meanwhile = await b.getOrCompute("metrics", alice, db.compute);
      expect(meanwhile.freshness.source).toBe("stale");
      expect(meanwhile.value.version).toBe(1);
      held.release();
      expect((await recomputing).value.version).toBe(2);
      expect((await b.snapshot()).kinds.metrics.staleServes).toBe(1);
    });

    it("serves the last value as stale, not an error, while its recomputation fails", async () => {
      const a = await instance({
        kinds: { ...TEST_KINDS, metrics: { ttlSeconds: 1 } },
        graceSeconds: 30,
      });
      const db = source();
      await a.getOrCompute("metrics", alice, db.compute);
      await sleep(1_100);
      const failing = async (): ReturnType<typeof db.compute> => {
        throw new Error("database unreachable");
      };
      const during = await a.getOrCompute("metrics", alice, failing);
      expect(during.freshness.source).toBe("stale");
      expect(during.value.version).toBe(1);
      // The failed attempt gave its lease back: the next reader recomputes at once.
      db.state.version = 2;
      const after = await a.getOrCompute("metrics", alice, db.compute);
      expect(after).toMatchObject({ value: { version: 2 }, freshness: { source: "computed" } });
      expect((await a.snapshot()).kinds.metrics).toMatchObject({ errors: 1, staleServes: 1 });
      // Without a previous value there is nothing to serve: the error reaches the caller.
      await expect(a.getOrCompute("metrics", bob, failing)).rejects.toThrow("unreachable");
    });

    it("recomputes a value read near its expiry once across instances, while serving it", async () => {
      // A 9 s value whose last 3 s are its refresh window. Each step below has about 3 s to
      // spare on a loaded machine: the reads in the window (6–9 s), and the read past the first
      // value's expiry before the refreshed value's own window opens (6 s after it is stored).
      const options = {
        kinds: { ...TEST_KINDS, metrics: { ttlSeconds: 9, refreshAheadSeconds: 3 } },
        memory: { ttlMs: 100 },
      };
      const [a, b] = [await instance(options), await instance(options)];
      const db = source();
      const first = await a.getOrCompute("metrics", alice, db.compute);
      expect(first.freshness.source).toBe("computed");
      const storedBy = first.freshness.asOf.getTime();
      await sleepUntil(storedBy + 6_200); // inside the last 3 s of the value's nine
      db.state.version = 2;
      const held = heldComputation(() => db.compute());
      const reads = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? a : b).getOrCompute("metrics", alice, held.compute),
        ),
      );
      // Every reader got the cached value at once; one of them started the refresh.
      expect(reads.every((read) => read.value.version === 1)).toBe(true);
      expect(reads.every((read) => read.freshness.source !== "computed")).toBe(true);
      await held.started;
      held.release();
      // The refreshed value lands (get neither computes nor takes the lease).
      await vi.waitFor(
        async () =>
          expect((await b.get<{ version: number }>("metrics", alice))?.value.version).toBe(2),
        { timeout: 30_000 },
      );
      const [statsA, statsB] = [await a.snapshot(), await b.snapshot()];
      expect(statsA.kinds.metrics.refreshes + statsB.kinds.metrics.refreshes).toBe(1);
      expect(statsA.kinds.metrics.misses + statsB.kinds.metrics.misses).toBe(1);
      expect(db.state.computations).toBe(2);
      // Past the first value's expiry, a read is a hit of the refreshed value, not a miss.
      await sleepUntil(storedBy + 9_100);
      const later = await a.getOrCompute("metrics", alice, db.compute);
      expect(later.value.version).toBe(2);
      expect(later.freshness.source).not.toBe("computed");
    });

    it("refuses malformed ids and values it cannot serialise, before touching Redis", async () => {
      const a = await instance();
      await expect(
        a.getOrCompute("metrics", { tenantId: "", userId: "x" }, async () => 1),
      ).rejects.toThrow(CacheKeyError);
      await expect(a.set("profile", alice, { callback: () => 1 })).rejects.toThrow(
        CacheSerializationError,
      );
      expect(await a.get("profile", alice)).toBeNull();
      await expect(a.getOrCompute("metrics", alice, async () => ({ f: () => 1 }))).rejects.toThrow(
        CacheSerializationError,
      );
      expect(await admin.exists(entryKeys("metrics", alice, prefix).lease)).toBe(0);
    });

    it("answers get without computing or taking the lease, so it never delays a computation", async () => {
      const [a, b] = [await instance(), await instance()];
      expect(await a.get("limits", alice)).toBeNull();
      expect(await admin.exists(entryKeys("limits", alice, prefix).lease)).toBe(0);
      const db = source();
      expect((await b.getOrCompute("limits", alice, db.compute)).freshness.source).toBe("computed");
      expect((await a.get<{ version: number }>("limits", alice))?.value.version).toBe(1);
      expect((await b.snapshot()).leaseWaits).toBe(0);
    });

    it("clears its own namespace and nothing else", async () => {
      const a = await instance();
      await admin.set("unrelated:key", "kept");
      await a.getOrCompute("metrics", alice, source().compute);
      expect(await a.clearNamespace()).toBeGreaterThan(0);
      expect(await keysOf(admin, prefix)).toEqual([]);
      expect(await admin.get("unrelated:key")).toBe("kept");
      await admin.del("unrelated:key");
    });
  });
});

describe("RiskCache in memory", () => {
  it("keeps the same rules without Redis", async () => {
    const cache = await RiskCache.create({ kinds: TEST_KINDS, prefix: "memory" });
    const db = source();
    expect((await cache.getOrCompute("metrics", alice, db.compute)).freshness.source).toBe(
      "computed",
    );
    expect((await cache.getOrCompute("metrics", alice, db.compute)).freshness.source).toBe(
      "memory",
    );
    db.state.version = 2;
    await cache.invalidateTenant("t1");
    expect((await cache.getOrCompute("metrics", alice, db.compute)).value.version).toBe(2);
    const reads = await Promise.all(
      Array.from({ length: 50 }, () => cache.getOrCompute("report", bob, db.compute)),
    );
    expect(reads.every((r) => r.value.version === 2)).toBe(true);
    expect(db.state.computations).toBe(3);
    expect((await cache.snapshot()).mode).toBe("memory");
  });
});
