"use client";

import {
  createChart,
  type IChartApi,
  type ISeriesApi,
  LineSeries,
  type Time,
  type UTCTimestamp,
} from "lightweight-charts";
import { useEffect, useRef } from "react";
import { CHART_BORDER, CHART_THEME } from "~/components/chart-theme.ts";
import { minuteOf, timeOf } from "~/lib/format.ts";
import { useTimeZone } from "~/lib/use-time-zone.ts";

export interface TimeLine {
  label: string;
  color: string;
  /** `at`: ms since the epoch, ascending, one point per moment. */
  points: readonly { at: number; value: number }[];
}

const toChart = (points: TimeLine["points"]) =>
  points.map((point) => ({ time: (point.at / 1_000) as UTCTimestamp, value: point.value }));

/** The chart's times are the UTC timestamps toChart gave it. */
const dateOf = (time: Time) => new Date((time as UTCTimestamp) * 1_000);

/**
 * Lines over the last hour, drawn with lightweight-charts as the dashboard's history is; its time
 * axis reads in the viewer's zone, as every time in the app does. The chart and its lines are created once per set
 * of line names; new points replace the data.
 */
export function TimeChart({
  label,
  lines,
  format,
}: {
  label: string;
  lines: readonly TimeLine[];
  format: (value: number) => string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<{ api: IChartApi; series: ISeriesApi<"Line">[] } | null>(null);
  const names = lines.map((line) => `${line.label}:${line.color}`).join("|");
  const timeZone = useTimeZone();

  // The lines' names and colours (`names`) decide the series; their points are set below.
  useEffect(() => {
    if (!container.current) return;
    const api = createChart(container.current, {
      ...CHART_THEME,
      timeScale: {
        borderColor: CHART_BORDER,
        timeVisible: true,
        secondsVisible: false,
        tickMarkFormatter: (time: Time) => minuteOf(dateOf(time), timeZone),
      },
      localization: {
        priceFormatter: format,
        timeFormatter: (time: Time) => timeOf(dateOf(time), timeZone),
      },
    });
    const series = lines.map((line) =>
      api.addSeries(LineSeries, { color: line.color, lineWidth: 2, title: line.label }),
    );
    chart.current = { api, series };
    return () => {
      api.remove();
      chart.current = null;
    };
  }, [names, format, timeZone]);

  useEffect(() => {
    lines.forEach((line, index) => {
      chart.current?.series[index]?.setData(toChart(line.points));
    });
    chart.current?.api.timeScale().fitContent();
  }, [lines]);

  const summary = lines
    .map((line) => {
      const last = line.points.at(-1);
      return last ? `${line.label} last ${format(last.value)}` : `${line.label}: no data yet`;
    })
    .join("; ");
  return (
    <figure className="chart">
      <figcaption>
        {label} · last hour, times in {timeZone}
      </figcaption>
      <div
        ref={container}
        className="chart-canvas"
        role="img"
        aria-label={`${label} over the last hour: ${summary}.`}
      />
    </figure>
  );
}
