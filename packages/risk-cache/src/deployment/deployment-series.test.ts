import { describe, expect, it } from "vitest";
import { deploymentSeries, type InstanceView, intervalsOf } from "./deployment-series.ts";
import type { InstanceSample } from "./instance-report.ts";

const INTERVAL_MS = 10_000;

function instance(startedAt: number, samples: [at: number, reads: number, hits: number][]) {
  const series: InstanceSample[] = samples.map(([at, reads, hits]) => ({
    at,
    reads,
    hits,
    fallbackReads: 0,
    readP50Ms: reads,
    readP99Ms: 10 * reads,
    usedMemoryBytes: 1_000 + at,
  }));
  return { id: String(startedAt), startedAt, series } as InstanceView;
}

describe("intervalsOf", () => {
  it("counts the first sample from zero when it was taken at the start", () => {
    const points = intervalsOf(
      instance(0, [
        [1, 4, 2],
        [INTERVAL_MS, 10, 8],
      ]),
      INTERVAL_MS,
    );
    expect(points.map((p) => [p.reads, p.hits])).toEqual([
      [4, 2],
      [6, 6],
    ]);
  });

  it("takes the first sample left after an hour as a baseline only", () => {
    const late = 5 * INTERVAL_MS;
    const points = intervalsOf(
      instance(0, [
        [late, 40, 20],
        [late + INTERVAL_MS, 50, 30],
      ]),
      INTERVAL_MS,
    );
    expect(points.map((p) => [p.reads, p.hits, p.hitRate])).toEqual([[10, 10, 1]]);
  });
});

describe("deploymentSeries", () => {
  it("sums the instances' intervals that end in one bucket, keeping the slowest percentiles", () => {
    const a = instance(0, [
      [1, 0, 0],
      [INTERVAL_MS + 5, 10, 9],
    ]);
    const b = instance(2, [
      [3, 0, 0],
      [INTERVAL_MS + 9, 30, 11],
    ]);
    const [first, second] = deploymentSeries([a, b], INTERVAL_MS);
    expect(first).toMatchObject({ at: INTERVAL_MS, reads: 0, hitRate: null });
    expect(second).toMatchObject({
      at: 2 * INTERVAL_MS,
      reads: 40,
      hits: 20,
      hitRate: 0.5,
      readP99Ms: 300,
    });
  });
});
