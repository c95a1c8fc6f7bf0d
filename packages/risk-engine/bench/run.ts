/**
 * pnpm --filter @repo/risk-engine bench
 * Median time of computeRiskMetrics on two book sizes, next to the floor measured in the same
 * run (one multiply-add per holding-day), and the target for this machine.
 */
import { Bench } from "tinybench";
import { computeRiskMetrics } from "../src/index.ts";
import { pnlFloor, syntheticBook } from "./synthetic-book.ts";

const cases = [
  { positions: 20, days: 504, targetMs: 1 },
  { positions: 1_000, days: 1_260, targetMs: 25 },
];

const bench = new Bench({ time: 2_000, warmupTime: 500 });
for (const { positions, days } of cases) {
  const book = syntheticBook(positions, days);
  bench.add(`engine ${positions}x${days}`, () => {
    computeRiskMetrics(book);
  });
  bench.add(`floor ${positions}x${days}`, () => {
    pnlFloor(book);
  });
}
await bench.run();

const median = (name: string) => {
  const result = bench.getTask(name)?.result;
  if (!result || !("latency" in result)) throw new Error(`${name} did not complete`);
  return { p50: result.latency.p50, p99: result.latency.p99, samples: result.latency.samplesCount };
};

const rows = cases.map(({ positions, days, targetMs }) => {
  const engine = median(`engine ${positions}x${days}`);
  const floor = median(`floor ${positions}x${days}`);
  return {
    book: `${positions} positions × ${days} days`,
    "median ms": Number(engine.p50.toFixed(3)),
    "p99 ms": Number(engine.p99.toFixed(3)),
    "floor median ms": Number(floor.p50.toFixed(3)),
    "× floor": Number((engine.p50 / floor.p50).toFixed(1)),
    "target ms": targetMs,
    "within target": engine.p50 <= targetMs ? "yes" : "NO",
    samples: engine.samples,
  };
});
console.info(`computeRiskMetrics — Node ${process.version}, ${new Date().toISOString()}`);
console.table(rows);
