import { describe, expect, it } from "vitest";
import { withinRange } from "./history-range.ts";

const days = Array.from({ length: 30 }, (_, i) => `2026-01-${String(i + 1).padStart(2, "0")}`);
// 1 before the first day, then −10 % on the first day, back to 1 on day 2, +1 % a day after.
const equity = [1, 0.9, 1, ...Array.from({ length: 28 }, (_, i) => 1.01 ** (i + 1))];

describe("withinRange", () => {
  it("over the whole lookback, counts a loss on the first day as a drawdown from 1", () => {
    const all = withinRange(days, equity, "All");
    expect(all.equity).toHaveLength(30);
    expect(all.equity[0]).toEqual({ time: "2026-01-01", value: 0.9 });
    expect(all.drawdown[0]?.value).toBeCloseTo(-0.1, 12);
    expect(all.drawdown[1]?.value).toBe(0);
  });

  it("over a month, is the growth of 1 held from the close before its first day", () => {
    const month = withinRange(days, equity, "1M");
    expect(month.equity).toHaveLength(21);
    expect(month.equity[0]?.time).toBe("2026-01-10");
    // Day 10's value over day 9's: one more day of +1 %.
    expect(month.equity[0]?.value).toBeCloseTo(1.01, 12);
    expect(month.drawdown.every((point) => point.value === 0)).toBe(true);
  });
});
