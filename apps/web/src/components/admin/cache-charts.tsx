"use client";

import { useMemo } from "react";
import { percent } from "~/lib/format.ts";
import type { RouterOutputs } from "~/trpc/types.ts";
import { bytes, milliseconds } from "./cache-numbers.ts";
import { TimeChart } from "./time-chart.tsx";

type Point = RouterOutputs["admin"]["cacheDeployment"]["series"][number];

const line = (
  label: string,
  color: string,
  series: readonly Point[],
  value: (point: Point) => number | null,
) => ({
  label,
  color,
  points: series.flatMap((point) => {
    const measured = value(point);
    return measured === null ? [] : [{ at: point.at, value: measured }];
  }),
});

const hitRateFormat = (value: number) => percent(value);

/** The deployment's last hour: hit rate, read latency and Redis's memory. */
export function CacheCharts({ series }: { series: readonly Point[] }) {
  const charts = useMemo(
    () => ({
      hitRate: [line("Hit rate", "#4ea1ff", series, (p) => p.hitRate)],
      latency: [
        line("p50", "#7bd88f", series, (p) => p.readP50Ms),
        line("p99", "#ffb454", series, (p) => p.readP99Ms),
      ],
      memory: [line("Used memory", "#c792ea", series, (p) => p.usedMemoryBytes)],
    }),
    [series],
  );
  return (
    <section className="panel cache-charts" aria-labelledby="cache-hour-heading">
      <h2 id="cache-hour-heading">The last hour, all instances</h2>
      <TimeChart label="Hit rate" lines={charts.hitRate} format={hitRateFormat} />
      <TimeChart
        label="Cache read latency (slowest instance)"
        lines={charts.latency}
        format={milliseconds}
      />
      <TimeChart label="Redis used memory" lines={charts.memory} format={bytes} />
    </section>
  );
}
