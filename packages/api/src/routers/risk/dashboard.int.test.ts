import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";

let fixture: ApiFixture;
beforeAll(async () => {
  // A minute in process memory: "the next read is served from memory" is then a fact, not a
  // race against the 2 s in-process TTL on a loaded machine.
  fixture = await createApiFixture({ memory: { ttlMs: 60_000 } });
});
afterAll(() => fixture.close());

describe("risk.dashboard", () => {
  it("computes a trader's own metrics once, then serves them from the cache", async () => {
    const maya = await fixture.callerAs("maya@northwind.example.com");
    const first = await maya.risk.dashboard();
    expect(first.freshness.source).toBe("computed");
    expect(first.metrics.nav).toBeGreaterThan(0);
    expect(first.metrics.limits.length).toBe(8);
    const second = await maya.risk.dashboard();
    expect(second.freshness.source).toBe("memory");
    expect(second.metrics.nav).toBe(first.metrics.nav);
  });
});
