import { describe, expect, it } from "vitest";
import { cumulativeReturn, maxDrawdown } from "./returns.ts";

describe("cumulativeReturn", () => {
  it("compounds the returns", () => {
    expect(cumulativeReturn([0.1, -0.1])).toBeCloseTo(-0.01, 15);
    expect(cumulativeReturn([0.5, 0.5, -0.5])).toBeCloseTo(0.125, 15);
  });

  it("scales the growth by a non-zero starting value", () => {
    expect(cumulativeReturn([0.1, 0.1], { startingValue: 100 })).toBeCloseTo(121, 12);
  });

  it("treats missing periods as flat and an empty series as NaN", () => {
    expect(cumulativeReturn([0.1, Number.NaN, 0.1])).toBeCloseTo(0.21, 15);
    expect(cumulativeReturn([])).toBeNaN();
  });
});

describe("maxDrawdown", () => {
  it("measures the deepest fall from a running peak", () => {
    // equity: 1.1, 1.32, 0.66, 0.99 → peak 1.32, trough 0.66 → −50 %.
    expect(maxDrawdown([0.1, 0.2, -0.5, 0.5])).toBeCloseTo(-0.5, 15);
  });

  it("counts a loss on the first day against the starting value of 1", () => {
    expect(maxDrawdown([-0.2, 0.1])).toBeCloseTo(-0.2, 15);
  });

  it("is 0 for a curve that only rises, NaN for an empty series, and ignores missing periods", () => {
    expect(maxDrawdown([0.01, 0.02, 0])).toBe(0);
    expect(maxDrawdown([])).toBeNaN();
    expect(maxDrawdown([0.1, Number.NaN, -0.1])).toBeCloseTo(-0.1, 15);
  });
});
