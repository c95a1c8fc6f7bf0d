import { describe, expect, it } from "vitest";
import { CacheStats } from "./stats.ts";

describe("CacheStats.readLatencySinceLastCall", () => {
  it("summarises only the reads made since the previous call", () => {
    const stats = new CacheStats(["metrics"]);
    // A read that began 50 ms ago, then, in the next interval, one that began 1 ms ago.
    stats.recordRead(performance.now() - 50);
    const first = stats.readLatencySinceLastCall();
    expect(first.count).toBe(1);
    expect(first.p99Ms).toBeGreaterThanOrEqual(50);
    stats.recordRead(performance.now() - 1);
    const second = stats.readLatencySinceLastCall();
    expect(second.count).toBe(1);
    expect(second.p99Ms).toBeLessThan(50);
    expect(stats.readLatencySinceLastCall().count).toBe(0);
    // Percentiles since the start still count both.
    expect(stats.snapshot().readLatency.count).toBe(2);
  });
});
