import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiCache } from "../../cache-policy.ts";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { callerWith } from "../../testing/caller-with.ts";

type Caller = Awaited<ReturnType<ApiFixture["callerAs"]>>;

let fixture: ApiFixture;
let admin: Caller;
let other: ApiCache;
beforeAll(async () => {
  // Each instance reports as it starts and when told to (cache.report()); the interval's next
  // report would come after the test.
  fixture = await createApiFixture({ reportIntervalMs: 3_600_000 });
  other = await fixture.otherInstance();
  admin = await fixture.callerAs("admin@northwind.example.com");
});
afterAll(() => fixture.close());

describe("admin.cacheDeployment", () => {
  it("shows both instances of the deployment, each with its own figures, and their sum", async () => {
    const here = await fixture.callerAs("maya@northwind.example.com");
    const there = await callerWith(fixture, "jonas@northwind.example.com", { cache: other });
    await here.risk.dashboard();
    await here.risk.dashboard();
    await there.risk.dashboard();
    await fixture.deps.cache.report();
    await other.report();

    const deployment = await admin.admin.cacheDeployment();
    expect(deployment.shared).toBe(true);
    expect(deployment.instances).toHaveLength(2);
    expect(deployment.instances.filter((instance) => instance.self)).toHaveLength(1);
    const [a, b] = deployment.instances.map((instance) => instance.figures);
    expect(a?.reads).toBeGreaterThan(0);
    expect(b?.reads).toBeGreaterThan(0);
    expect(deployment.total.reads).toBe((a?.reads ?? 0) + (b?.reads ?? 0));
    expect(deployment.total.hits).toBe((a?.hits ?? 0) + (b?.hits ?? 0));
    for (const instance of deployment.instances) {
      expect(instance).toMatchObject({ pid: process.pid, fallback: false });
      expect(instance.lastSeen).toBeGreaterThanOrEqual(instance.startedAt);
    }
    // The reads since the start are the deployment's last hour.
    const hour = deployment.series.reduce((sum, point) => sum + point.reads, 0);
    expect(hour).toBe(deployment.total.reads);
    expect(deployment.thresholds).toEqual({ minHitRate: 0.5, minReads: 100, maxFallbackReads: 0 });
  });

  it("raises an alert when an instance's hit rate is below the threshold", async () => {
    // The fixture's instances read a handful each: judged from one read, not from a thousand.
    const alertsAt = async (minHitRate: number, minReads = 1) => {
      fixture.deps.cacheAlerts = { minHitRate, minReads, maxFallbackReads: 0 };
      return admin.admin.cacheDeployment();
    };
    try {
      expect((await alertsAt(0)).alerts).toEqual([]);
      expect((await alertsAt(1, 1_000)).alerts).toEqual([]);
      const deployment = await alertsAt(1);
      // Every instance that read computed something first: below a hit rate of 100 %.
      expect(deployment.alerts.map((alert) => alert.condition)).toEqual([
        "hit_rate_low",
        "hit_rate_low",
      ]);
      expect(new Set(deployment.alerts.map((alert) => alert.instanceId))).toEqual(
        new Set(deployment.instances.map((instance) => instance.id)),
      );
    } finally {
      fixture.deps.cacheAlerts = undefined;
    }
  });
});
