import type { ChartPoint } from "./history-chart.tsx";

/** The windows a trader can look at the history through, in trading days (All: the lookback). */
export const HISTORY_RANGES = { "1M": 21, "3M": 63, "1Y": 252, All: Number.POSITIVE_INFINITY };
export type HistoryRange = keyof typeof HISTORY_RANGES;

/**
 * The equity curve over the chosen window as the growth of 1 held from the close before its
 * first day, and the drawdown from the running peak since then (so a loss on the first day
 * shows). `equity` has one more point than `days`: the value before the first return.
 */
export function withinRange(
  days: readonly string[],
  equity: readonly number[],
  range: HistoryRange,
): { equity: ChartPoint[]; drawdown: ChartPoint[] } {
  const count = Math.min(days.length, HISTORY_RANGES[range]);
  const first = days.length - count;
  const base = equity[first] ?? 1;
  let peak = 1;
  const rebased: ChartPoint[] = [];
  const drawdown: ChartPoint[] = [];
  for (let i = first; i < days.length; i++) {
    const time = days[i] as string;
    const value = (equity[i + 1] as number) / base;
    peak = Math.max(peak, value);
    rebased.push({ time, value });
    drawdown.push({ time, value: value / peak - 1 });
  }
  return { equity: rebased, drawdown };
}
