import { computeRiskMetrics, type StressResult, stressTest } from "@repo/risk-engine";
import type { Subject } from "../auth/resolve-subject.ts";
import { portfolioOf } from "./compute-metrics.ts";
import { type MetricsDeps, readValuationInputs } from "./get-metrics.ts";

export interface StressView {
  scenarios: StressResult[];
  currency: string;
  /** The price tick the scenarios start from. */
  tick: number;
}

/**
 * The book's stress scenarios (risk-engine's stressTest) at the latest prices, cached per book
 * version and tick in each instance's memory like a valuation (the `stress` kind): a new price
 * or a write makes a new key, so a cached answer is never older than either.
 */
export async function getStress(deps: MetricsDeps, subject: Subject): Promise<StressView> {
  const inputs = await readValuationInputs(deps, subject);
  const valuation = { ...subject, variant: `v${inputs.bookVersion}-t${inputs.tick}` };
  const read = await deps.cache.getOrCompute("stress", valuation, async () => {
    const input = await portfolioOf(deps, subject, inputs);
    return {
      scenarios: stressTest(input, computeRiskMetrics(input)),
      currency: inputs.book.account?.baseCurrency ?? "USD",
      tick: inputs.tick,
    };
  });
  return read.value;
}
