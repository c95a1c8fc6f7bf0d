import { describe, expect, it } from "vitest";
import { CacheConfigError } from "./config.ts";
import { CacheKeyError } from "./keys.ts";
import { RiskCache } from "./risk-cache.ts";

const subject = { tenantId: "t1", userId: "u1" };

describe("the kinds a cache is created with", () => {
  it("are the only kinds it reads, stores, invalidates and counts", async () => {
    const cache = await RiskCache.create({ kinds: { quotes: { ttlSeconds: 5 } } });
    let computations = 0;
    const compute = async () => ++computations;
    expect((await cache.getOrCompute("quotes", subject, compute)).value).toBe(1);
    expect((await cache.getOrCompute("quotes", subject, compute)).value).toBe(1);

    // A caller that got around the types (plain JavaScript, a cast) is refused before any work.
    const unknown = "metrics" as "quotes";
    await expect(cache.getOrCompute(unknown, subject, compute)).rejects.toThrow(CacheKeyError);
    await expect(cache.get(unknown, subject)).rejects.toThrow(/unknown kind "metrics"/);
    await expect(cache.set(unknown, subject, 1)).rejects.toThrow(CacheKeyError);
    await expect(cache.invalidate(["quotes", unknown], subject)).rejects.toThrow(CacheKeyError);
    expect(computations).toBe(1);

    expect(Object.keys((await cache.snapshot()).kinds)).toEqual(["quotes"]);
    await cache.close();
  });

  it("each live for their own TTL", async () => {
    const cache = await RiskCache.create({
      kinds: { brief: { ttlSeconds: 0.05 }, long: { ttlSeconds: 60 } },
      memory: { ttlMs: 0 },
    });
    let computations = 0;
    const compute = async () => ++computations;
    await cache.getOrCompute("brief", subject, compute);
    await cache.getOrCompute("long", subject, compute);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect((await cache.getOrCompute("long", subject, compute)).freshness.source).toBe("memory");
    expect((await cache.getOrCompute("brief", subject, compute)).freshness.source).toBe("computed");
    await cache.close();
  });

  it("are checked when the cache is created", async () => {
    await expect(RiskCache.create({ kinds: {} })).rejects.toThrow(CacheConfigError);
    await expect(RiskCache.create({ kinds: { metrics: { ttlSeconds: 0 } } })).rejects.toThrow(
      /ttlSeconds must be above 0/,
    );
    await expect(
      RiskCache.create({ kinds: { metrics: { ttlSeconds: 10, refreshAheadSeconds: 10 } } }),
    ).rejects.toThrow(/refreshAheadSeconds must be at least 0 and below ttlSeconds/);
    // A kind's name is part of every key: one that could forge another key is refused.
    await expect(RiskCache.create({ kinds: { "a:b": { ttlSeconds: 1 } } })).rejects.toThrow(
      CacheKeyError,
    );
  });
});
