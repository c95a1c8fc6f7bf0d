import { describe, expect, it } from "vitest";
import {
  MAX_DRAW,
  MIN_PRICE,
  nextPrice,
  roundPrice,
  stepVolatility,
  tickRandom,
} from "./price-step.ts";

describe("nextPrice", () => {
  const volatility = stepVolatility(3_000);

  it("moves a price by at most MAX_DRAW standard deviations, however extreme the draw", () => {
    const bound = Math.exp(MAX_DRAW * volatility);
    expect(nextPrice(100, 50, volatility)).toBeLessThanOrEqual(100 * bound);
    // The −σ²/2 that keeps the expected price unchanged widens the downside a little.
    const drift = Math.exp(-(volatility ** 2) / 2);
    expect(nextPrice(100, -50, volatility)).toBeGreaterThanOrEqual((100 / bound) * drift - 1e-6);
    expect(nextPrice(100, 50, volatility)).toBe(nextPrice(100, MAX_DRAW, volatility));
  });

  it("keeps a price positive and on the column's 6 decimals", () => {
    expect(nextPrice(MIN_PRICE, -MAX_DRAW, 0.5)).toBe(MIN_PRICE);
    const price = nextPrice(123.456789, 1.234, volatility);
    expect(price).toBe(roundPrice(price));
    expect(price).toBeGreaterThan(0);
  });
});

describe("stepVolatility", () => {
  it("scales with the square root of the interval, so the daily volatility is the same", () => {
    expect(stepVolatility(12_000)).toBeCloseTo(2 * stepVolatility(3_000), 12);
  });
});

describe("tickRandom", () => {
  it("draws the same numbers for the same seed and tick, and others for another tick", () => {
    const draws = (seed: number, tick: number) => {
      const random = tickRandom(seed, tick);
      return [random.normal(), random.normal(), random.normal()];
    };
    expect(draws(7, 590_000_000)).toEqual(draws(7, 590_000_000));
    expect(draws(7, 590_000_001)).not.toEqual(draws(7, 590_000_000));
    expect(draws(8, 590_000_000)).not.toEqual(draws(7, 590_000_000));
  });
});
