import { describe, expect, it } from "vitest";
import { shareEqualData } from "./share-equal-data.ts";

const poll = (raisedAt: string, value: number) => ({
  alerts: [{ id: "a1", raisedAt: new Date(raisedAt), value }],
  metrics: { nav: 100, limits: [{ id: "l1", utilisation: 0.5 }] },
  freshness: { asOf: new Date(raisedAt), ageMs: value },
});

describe("shareEqualData", () => {
  it("keeps the identity of everything unchanged between two polls, Dates included", () => {
    const first = poll("2026-11-25T10:00:00Z", 1);
    const second = poll("2026-11-25T10:00:00Z", 1);
    expect(shareEqualData(first, second)).toBe(first);
  });

  it("gives new identities only along the path to what changed", () => {
    const first = poll("2026-11-25T10:00:00Z", 1);
    const second = poll("2026-11-25T10:00:00Z", 2) as ReturnType<typeof poll>;
    const shared = shareEqualData(first, second) as ReturnType<typeof poll>;
    expect(shared).not.toBe(first);
    expect(shared.metrics).toBe(first.metrics);
    expect(shared.alerts).not.toBe(first.alerts);
    expect(shared.alerts[0]?.value).toBe(2);
    expect(shared.alerts[0]?.raisedAt).toBe(first.alerts[0]?.raisedAt);
  });

  it("takes a Date that moved", () => {
    const first = poll("2026-11-25T10:00:00Z", 1);
    const second = poll("2026-11-25T10:00:05Z", 1);
    const shared = shareEqualData(first, second) as ReturnType<typeof poll>;
    expect(shared.freshness.asOf.toISOString()).toBe("2026-11-25T10:00:05.000Z");
    expect(shared.metrics).toBe(first.metrics);
  });

  it("keeps the identity of an answer holding a NaN (an empty book's figures)", () => {
    const first = { metrics: { sharpe: Number.NaN, history: [Number.NaN, 1] } };
    const second = { metrics: { sharpe: Number.NaN, history: [Number.NaN, 1] } };
    expect(shareEqualData(first, second)).toBe(first);
    const third = { metrics: { sharpe: 0.4, history: [Number.NaN, 1] } };
    const shared = shareEqualData(first, third) as typeof first;
    expect(shared.metrics.sharpe).toBe(0.4);
    expect(shared.metrics.history).toBe(first.metrics.history);
  });

  it("takes a new key or a dropped one as a change", () => {
    const first: Record<string, number> = { a: 1 };
    expect(shareEqualData(first, { a: 1, b: 2 })).toEqual({ a: 1, b: 2 });
    expect(shareEqualData({ a: 1, b: 2 }, first)).toEqual({ a: 1 });
    expect(shareEqualData([1, 2], [1])).toEqual([1]);
  });
});
