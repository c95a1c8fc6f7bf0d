"use client";

import { AreaSeries, createChart, type IChartApi, type ISeriesApi } from "lightweight-charts";
import { useEffect, useRef } from "react";
import { CHART_BORDER, CHART_THEME } from "~/components/chart-theme.ts";

export interface ChartPoint {
  time: string;
  value: number;
}

const COLORS = {
  equity: { line: "#4ea1ff", top: "rgba(78, 161, 255, 0.35)", bottom: "rgba(78, 161, 255, 0.02)" },
  drawdown: {
    line: "#ff6b6b",
    top: "rgba(255, 107, 107, 0.02)",
    bottom: "rgba(255, 107, 107, 0.35)",
  },
};

/**
 * A daily series drawn with TradingView's lightweight-charts (made for financial time series:
 * business-day time scale, crosshair, zoom). The chart is created once; a new series replaces
 * the data only when the points changed, which structural sharing in React Query guarantees.
 */
export function HistoryChart({
  points,
  kind,
  label,
  format,
}: {
  points: readonly ChartPoint[];
  kind: "equity" | "drawdown";
  label: string;
  format: (value: number) => string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<{ api: IChartApi; series: ISeriesApi<"Area"> } | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const colors = COLORS[kind];
    const api = createChart(container.current, {
      ...CHART_THEME,
      timeScale: { borderColor: CHART_BORDER },
      localization: { priceFormatter: format },
    });
    const series = api.addSeries(AreaSeries, {
      lineColor: colors.line,
      topColor: colors.top,
      bottomColor: colors.bottom,
      lineWidth: 2,
      ...(kind === "drawdown" ? { invertFilledArea: true } : {}),
    });
    chart.current = { api, series };
    return () => {
      api.remove();
      chart.current = null;
    };
  }, [kind, format]);

  useEffect(() => {
    chart.current?.series.setData(points.map((point) => ({ ...point })));
    chart.current?.api.timeScale().fitContent();
  }, [points]);

  const last = points.at(-1);
  const summary = last
    ? `${label}: ${points.length} trading days up to ${last.time}, last ${format(last.value)}.`
    : `${label}: no history yet.`;
  return (
    <figure className="chart">
      <figcaption>{label}</figcaption>
      <div ref={container} className="chart-canvas" role="img" aria-label={summary} />
    </figure>
  );
}
