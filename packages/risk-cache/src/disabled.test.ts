import { describe, expect, it } from "vitest";
import { RiskCache } from "./risk-cache.ts";
import { TEST_KINDS } from "./testing/kinds.ts";

describe("a disabled cache", () => {
  it("computes every read, stores nothing and still counts what it did", async () => {
    const cache = await RiskCache.create({ kinds: TEST_KINDS, disabled: true });
    const subject = { tenantId: "t1", userId: "u1" };
    let computations = 0;
    const compute = async () => ({ run: ++computations });

    const first = await cache.getOrCompute("metrics", subject, compute);
    const second = await cache.getOrCompute("metrics", subject, compute);
    expect([first.value.run, second.value.run]).toEqual([1, 2]);
    expect(second.freshness.source).toBe("computed");

    await cache.set("profile", subject, { version: 3 });
    expect(await cache.get("profile", subject)).toBeNull();
    // Still refuses what could not be cached, so turning the cache on cannot surface new errors.
    await expect(cache.set("profile", subject, { f: () => 1 })).rejects.toThrow(/function/);

    const snapshot = await cache.snapshot();
    expect(snapshot.disabled).toBe(true);
    expect(snapshot.kinds.metrics).toMatchObject({ misses: 2, computations: 2, hits: 0 });
    // Nothing is broadcast, so nothing kept beside the cache may rely on its invalidations.
    expect(cache.invalidationsReachEveryInstance).toBe(false);
    await cache.close();
  });
});
