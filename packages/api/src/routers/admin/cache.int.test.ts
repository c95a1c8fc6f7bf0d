import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiCache } from "../../cache-policy.ts";
import { type ApiFixture, createApiFixture, TEST_REDIS_MODE } from "../../testing/api-fixture.ts";
import { callerWith, failureOf } from "../../testing/caller-with.ts";

type Caller = Awaited<ReturnType<ApiFixture["callerAs"]>>;

let fixture: ApiFixture;
let admin: Caller;
let maya: Caller;
beforeAll(async () => {
  fixture = await createApiFixture();
  admin = await fixture.callerAs("admin@northwind.example.com");
  maya = await fixture.callerAs("maya@northwind.example.com");
});
afterAll(() => fixture.close());

describe("admin.cacheStats", () => {
  it("reports hit rates, latencies and a healthy Redis", async () => {
    await maya.risk.dashboard();
    await maya.risk.dashboard();
    const stats = await admin.admin.cacheStats();
    expect(stats.mode).toBe(TEST_REDIS_MODE);
    expect(stats.redis).toMatchObject({ connected: true });
    expect(stats.redis?.pingMs).toBeGreaterThanOrEqual(0);
    expect(stats.kinds.metrics.misses).toBeGreaterThanOrEqual(1);
    expect(stats.kinds.metrics.hits).toBeGreaterThanOrEqual(1);
    expect(stats.hitRate).toBeGreaterThan(0);
    expect(stats.hitRate).toBeLessThanOrEqual(1);
    expect(stats.readLatency.count).toBeGreaterThanOrEqual(2);
    expect(stats.fallback).toBe(false);
  });
});

/** Books this server read from the database. */
const bookLoads = async (cache: ApiCache) => (await cache.snapshot()).kinds.book.computations;

describe("admin.invalidateTenant", () => {
  it("makes the next metrics read recompute on every server instance", async () => {
    const other = await fixture.otherInstance();
    const mayaElsewhere = await callerWith(fixture, "maya@northwind.example.com", {
      cache: other,
    });
    const harborTrader = await fixture.callerAs("ethan@harbor.example.com");
    await maya.risk.dashboard();
    await harborTrader.risk.dashboard();
    // The second server finds Maya's book in Redis and values it itself (valuations stay in
    // each server's memory), then answers from its memory.
    const otherLoads = await bookLoads(other);
    expect((await mayaElsewhere.risk.dashboard()).freshness.source).toBe("computed");
    expect(await bookLoads(other)).toBe(otherLoads);
    expect((await mayaElsewhere.risk.dashboard()).freshness.source).toBe("memory");

    expect(await admin.admin.invalidateTenant()).toEqual({ ok: true });

    // Both servers value Maya again; her book is read from the database once, by the first.
    const loadsBefore = (await bookLoads(fixture.deps.cache)) + (await bookLoads(other));
    expect((await mayaElsewhere.risk.dashboard()).freshness.source).toBe("computed");
    expect((await maya.risk.dashboard()).freshness.source).toBe("computed");
    expect((await bookLoads(fixture.deps.cache)) + (await bookLoads(other))).toBe(loadsBefore + 1);
    // Another tenant's cache is not the admin's to drop.
    expect((await harborTrader.risk.dashboard()).freshness.source).not.toBe("computed");
  });
});

describe("admin.warmUp", () => {
  it("computes every active trader's metrics so their next read is a cache hit", async () => {
    await admin.admin.invalidateTenant();
    const traders = await fixture.database.db.user.findMany({
      where: { tenant: { slug: "northwind" }, role: "TRADER", active: true },
      select: { id: true },
    });
    const result = await admin.admin.warmUp();
    expect(result).toEqual({ traders: traders.length, warmed: traders.length, failed: 0 });
    for (const { id } of traders) {
      const read = await admin.risk.dashboard({ traderId: id });
      expect(read.freshness.source).not.toBe("computed");
      expect(read.metrics.nav).toBeGreaterThan(0);
    }
    // Warm in Redis, so a second server's first read reads nothing from the database: it
    // values the cached book at the cached market over the cached histories.
    const other = await fixture.otherInstance();
    const elsewhere = await callerWith(fixture, "maya@northwind.example.com", { cache: other });
    expect((await elsewhere.risk.dashboard()).metrics.nav).toBeGreaterThan(0);
    const { kinds } = await other.snapshot();
    expect([
      kinds.book.computations,
      kinds.market.computations,
      kinds.history.computations,
    ]).toEqual([0, 0, 0]);
  });
});

describe("admin cache controls", () => {
  it("are for admins only and take no input", async () => {
    expect((await failureOf(maya.admin.cacheStats())).code).toBe("FORBIDDEN");
    expect((await failureOf(maya.admin.warmUp())).code).toBe("FORBIDDEN");
    expect((await failureOf(maya.admin.invalidateTenant())).code).toBe("FORBIDDEN");
    const extra = { tenantId: "someone-else" } as never;
    expect((await failureOf(admin.admin.invalidateTenant(extra))).code).toBe("BAD_REQUEST");
  });
});
