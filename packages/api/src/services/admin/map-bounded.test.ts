import { describe, expect, it } from "vitest";
import { mapBounded } from "./map-bounded.ts";

describe("mapBounded", () => {
  it("never runs more than the limit at once and keeps the input order", async () => {
    let running = 0;
    let most = 0;
    const results = await mapBounded([5, 1, 4, 2, 3, 0], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      // Later items finish first for some inputs: order must still follow the input.
      for (let i = 0; i < n; i++) await Promise.resolve();
      running--;
      return n * 10;
    });
    expect(most).toBe(2);
    expect(results).toEqual([50, 10, 40, 20, 30, 0]);
  });

  it("handles no items", async () => {
    expect(await mapBounded([], 4, async () => 1)).toEqual([]);
  });
});
