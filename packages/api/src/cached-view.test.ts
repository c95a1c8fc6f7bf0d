import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { cachedView, serializeOutput } from "./cached-view.ts";

const value = {
  computedAt: new Date("2026-11-30T09:00:00Z"),
  metrics: { nav: 1_250_000, leverage: Number.POSITIVE_INFINITY, days: ["2026-11-27"] },
};
const freshness = (seconds: number) => ({
  source: "memory" as const,
  asOf: new Date(Date.UTC(2026, 10, 30, 9, 0, seconds)),
  ageMs: seconds * 1_000,
});

describe("serializeOutput", () => {
  it("answers a cached view exactly as superjson answers the plain object", () => {
    for (const seconds of [1, 2]) {
      const view = cachedView(value, { freshness: freshness(seconds) });
      const expected = superjson.serialize({ ...value, freshness: freshness(seconds) });
      expect(serializeOutput(view)).toEqual(expected);
      expect(superjson.deserialize(serializeOutput(view))).toEqual({
        ...value,
        freshness: freshness(seconds),
      });
    }
  });

  it("serialises a value once, however many answers carry it", () => {
    const first = serializeOutput(cachedView(value, { freshness: freshness(1) }));
    const second = serializeOutput(cachedView(value, { freshness: freshness(2) }));
    expect((second.json as { metrics: unknown }).metrics).toBe(
      (first.json as { metrics: unknown }).metrics,
    );
    // A different value object (another read from Redis) is serialised on its own.
    const other = serializeOutput(cachedView({ ...value }, { freshness: freshness(1) }));
    expect((other.json as { metrics: unknown }).metrics).not.toBe(
      (first.json as { metrics: unknown }).metrics,
    );
  });

  it("answers anything else as superjson does", () => {
    for (const data of [null, undefined, 3, "text", [new Date(0)], { at: new Date(0) }]) {
      expect(serializeOutput(data)).toEqual(superjson.serialize(data));
    }
  });
});
