import type { ServiceDeps } from "../../deps.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { chartSeries, chartVersion } from "../risk/compute-metrics.ts";
import { readValuationInputs } from "../risk/get-metrics.ts";

/**
 * The equity and drawdown of today's book replayed over its history: what the dashboard's
 * charts draw, asked for again only when `version` changes (a write to the book, new closes),
 * not at every poll. Made from the same cached book, market and histories as a valuation.
 */
export async function getChart(deps: ServiceDeps, subject: Subject) {
  const inputs = await readValuationInputs(deps, subject);
  return {
    ...(await chartSeries(deps, subject, inputs)),
    version: chartVersion(inputs.bookVersion, inputs.book, inputs.market),
  };
}
