import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";

let fixture: ApiFixture;
beforeAll(async () => {
  fixture = await createApiFixture();
});
afterAll(() => fixture.close());

describe("risk.metrics", () => {
  it("computes a trader's own metrics once, then serves them from the cache", async () => {
    const maya = await fixture.callerAs("maya@northwind.example.com");
    const first = await maya.risk.metrics();
    expect(first.freshness.source).toBe("computed");
    expect(first.metrics.nav).toBeGreaterThan(0);
    expect(first.metrics.limits.length).toBe(8);
    const second = await maya.risk.metrics();
    expect(second.freshness.source).toBe("memory");
    expect(second.metrics.nav).toBe(first.metrics.nav);
  });
});
