import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alignHistory, type DailyCloses } from "./align-history.ts";
import { computeRiskMetrics } from "./compute-risk-metrics.ts";
import { smallBook } from "./fixture.ts";

const week = ["2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09"];
const closesOf = (days: string[], closes: number[]): DailyCloses => ({ days, closes });
const aligned = (history: ReturnType<typeof alignHistory>, id: string) =>
  Array.from(history.closes.get(id) ?? []);

describe("alignHistory", () => {
  it("carries the last close over a missing day, so the move lands whole when prices resume", () => {
    const series = new Map([
      ["index", closesOf(week, [1000, 1010, 1000, 1000, 1020])],
      ["a", closesOf(["2026-01-05", "2026-01-06", "2026-01-08", "2026-01-09"], [100, 110, 90, 95])],
    ]);
    const history = alignHistory(series, { benchmarkId: "index", dayCount: 5 });
    expect(history.days).toEqual(week);
    expect(aligned(history, "a")).toEqual([100, 110, 110, 90, 95]);
    expect(history.carried?.get("a")).toEqual({ days: 1, longestRun: 1 });
    expect(history.carried?.has("index")).toBe(false);
  });

  it("keeps to the benchmark's trading days: a stray Saturday bar does not erase Friday to Monday", () => {
    const friday = "2026-01-09";
    const saturday = "2026-01-10";
    const monday = "2026-01-12";
    const series = new Map([
      ["index", closesOf([friday, monday], [1000, 990])],
      ["stray", closesOf([friday, saturday, monday], [50, 51, 52])],
      ["b", closesOf([friday, monday], [100, 80])],
    ]);
    const history = alignHistory(series, { benchmarkId: "index", dayCount: 2 });
    expect(history.days).toEqual([friday, monday]);
    expect(aligned(history, "b")).toEqual([100, 80]);
    expect(aligned(history, "stray")).toEqual([50, 52]);
  });

  it("without a benchmark, trades on every day any instrument closed", () => {
    const series = new Map([
      ["a", closesOf(["2026-01-05", "2026-01-07"], [10, 11])],
      ["b", closesOf(["2026-01-06", "2026-01-07"], [20, 21])],
    ]);
    const history = alignHistory(series, { dayCount: 3 });
    expect(history.days).toEqual(["2026-01-05", "2026-01-06", "2026-01-07"]);
    expect(aligned(history, "a")).toEqual([10, 10, 11]);
    expect(aligned(history, "b")).toEqual([Number.NaN, 20, 21]);
    expect(history.benchmark).toBeUndefined();
  });

  it("never loses a move: over the window, the aligned closes compound to the data's own", () => {
    const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
    const bars = fc
      .array(fc.record({ kept: fc.boolean(), close: fc.integer({ min: 1, max: 10_000 }) }), {
        minLength: 2,
        maxLength: 60,
      })
      .filter((list) => list[0]?.kept === true);
    fc.assert(
      fc.property(bars, (list) => {
        const calendar = list.map((_, i) => day(i));
        const kept = list.flatMap((bar, i) =>
          bar.kept ? [{ day: day(i), close: bar.close }] : [],
        );
        const series = new Map([
          [
            "index",
            closesOf(
              calendar,
              calendar.map(() => 1000),
            ),
          ],
          [
            "a",
            closesOf(
              kept.map((b) => b.day),
              kept.map((b) => b.close),
            ),
          ],
        ]);
        const closes = aligned(
          alignHistory(series, { benchmarkId: "index", dayCount: list.length }),
          "a",
        );
        let growth = 1;
        for (let t = 1; t < closes.length; t++)
          growth *= (closes[t] as number) / (closes[t - 1] as number);
        const own = (kept.at(-1)?.close as number) / (kept[0]?.close as number);
        // Relative: a product of up to 60 ratios of closes up to 10,000 apart.
        expect(Math.abs(growth / own - 1)).toBeLessThan(1e-12);
      }),
    );
  });

  it("reports a run of carried days past the allowed one, and the book flags that holding stale", () => {
    const book = smallBook();
    const series = new Map([
      ["index", closesOf(week, [1000, 1010, 1000, 1000, 1020])],
      // A stops closing after Monday: four days carried, past an allowed run of 2.
      ["a", closesOf(["2026-01-05"], [100])],
      ["b", closesOf(week, [50, 50, 55, 50, 50])],
      ["c", closesOf(week.slice(2), [20, 20, 20])],
    ]);
    const history = alignHistory(series, { benchmarkId: "index", dayCount: 5, maxCarryDays: 2 });
    expect(history.carried?.get("a")).toEqual({ days: 4, longestRun: 4 });
    const { dataQuality } = computeRiskMetrics({ ...book, history });
    expect(dataQuality).toEqual({
      days: 4,
      lookbackDays: 4,
      carriedForward: [],
      stale: [{ symbol: "A", longestRun: 4 }],
      // C's closes start on Wednesday: two of the four moves are not known.
      shortHistory: [{ symbol: "C", days: 2 }],
      noPreviousClose: [],
      navNonPositive: false,
    });
  });
});
