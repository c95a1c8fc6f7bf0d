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

  it("values a book once when its valuation raises alerts, and serves the next poll from memory", async () => {
    // Lucas's book is seeded at WARN on leverage, and nothing has valued it yet.
    const lucas = await fixture.callerAs("lucas@northwind.example.com");
    const before = (await fixture.deps.cache.snapshot()).kinds;
    const first = await lucas.risk.dashboard();
    expect(first.alerts.some((alert) => alert.level === "WARN")).toBe(true);
    const second = await lucas.risk.dashboard();
    expect(second.freshness.source).toBe("memory");
    expect(second.version).toBe(first.version);
    expect(second.alerts).toEqual(first.alerts);
    // Alerts have their own version: raising them neither moved the book nor made it new.
    const after = (await fixture.deps.cache.snapshot()).kinds;
    expect(after.book.computations - before.book.computations).toBe(1);
    expect(after.metrics.computations - before.metrics.computations).toBe(1);
  });
});
