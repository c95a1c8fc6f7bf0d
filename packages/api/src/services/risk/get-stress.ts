import {
  computeRiskMetrics,
  DEFAULT_CURRENCY,
  type StressResult,
  stressTest,
} from "@repo/risk-engine";
import type { ServiceDeps } from "../../deps.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { readScenarios } from "../scenarios/read-scenarios.ts";
import { portfolioOf } from "./compute-metrics.ts";
import { readValuationInputs } from "./get-metrics.ts";

export interface StressView {
  scenarios: StressResult[];
  currency: string;
  /** The price tick the scenarios start from. */
  tick: number;
}

/**
 * The book's stress scenarios (risk-engine's stressTest: the built-in ones, then the firm's
 * own) at the latest prices, cached per book version, tick and version of the firm's scenarios
 * in each instance's memory like a valuation (the `stress` kind): a new price, a write to the
 * book or to the scenarios makes a new key, so a cached answer is never older than any of them.
 */
export async function getStress(deps: ServiceDeps, subject: Subject): Promise<StressView> {
  const [inputs, firm] = await Promise.all([
    readValuationInputs(deps, subject),
    readScenarios(deps, subject.tenantId),
  ]);
  const variant = `v${inputs.bookVersion}-t${inputs.tick}-s${firm.version}`;
  const read = await deps.cache.getOrCompute("stress", { ...subject, variant }, async () => {
    const input = await portfolioOf(deps, subject, inputs);
    return {
      scenarios: stressTest(input, computeRiskMetrics(input), firm.scenarios),
      currency: inputs.book.account?.baseCurrency ?? DEFAULT_CURRENCY,
      tick: inputs.tick,
    };
  });
  return read.value;
}
