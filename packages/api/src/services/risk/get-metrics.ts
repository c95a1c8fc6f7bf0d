import type { Freshness } from "@repo/risk-cache";
import type { ServiceDeps } from "../../deps.ts";
import type { AlertView } from "../alerts/alert-view.ts";
import { readOpenAlerts } from "../alerts/open-alerts.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import type { Versioned } from "../cache/book-version.ts";
import { readBookVersion } from "../cache/book-version.ts";
import { readChecked } from "../cache/read-book.ts";
import { invalidateMarkets, readMarket } from "../prices/market.ts";
import {
  chartVersion,
  computeMetrics,
  type MetricsView,
  type ValuationInputs,
} from "./compute-metrics.ts";
import { loadBook } from "./load-book.ts";

/** A valuation read, with what it was made from. */
export interface MetricsRead {
  view: MetricsView;
  /** The valuation's, or its inputs' (book, market, alerts) when one was served stale. */
  freshness: Freshness;
  bookVersion: number;
  /** Changes when the chart series would (`chartVersion`). */
  chartVersion: string;
  /** The trader's open alerts, newest first, in line with this valuation, and their version. */
  alerts: Versioned<AlertView[]>;
}

/** What a valuation is made from, and the freshness of each read. */
export async function readValuationInputs(
  deps: ServiceDeps,
  subject: Subject,
): Promise<ValuationInputs & { bookVersion: number; freshness: Freshness[] }> {
  let [market, book] = await Promise.all([
    readMarket(deps, subject.tenantId),
    readChecked(deps, "book", subject, readBookVersion, () => loadBook(deps.db, subject)),
  ]);
  // An instrument created since the market was read (a move of the tick would have dropped
  // it): read the market again rather than value the position without a price.
  if (book.value.positions.some((p) => !market.value.quotes[p.instrument.id])) {
    await invalidateMarkets(deps.cache, [subject.tenantId]);
    market = await readMarket(deps, subject.tenantId);
  }
  return {
    book: book.value,
    market: market.value,
    tick: market.version,
    bookVersion: book.version,
    freshness: [book.freshness, market.freshness],
  };
}

/**
 * The trader's risk at the tenant's latest price tick, and the open alerts it brought in line.
 * Four cached reads: the tenant's market (its prices at the latest tick), the book (changed only
 * by its own writes), the open alerts, and the valuation of that book version at that tick,
 * computed on each instance's first poll after a move or a write and kept in its memory
 * (`processOnly` in cache-policy.ts). A valuation's key names the book version and the tick, so a
 * cached one can never be served after either changed, and needs no invalidation.
 */
export async function getMetrics(deps: ServiceDeps, subject: Subject): Promise<MetricsRead> {
  const inputs = await readValuationInputs(deps, subject);
  const valuation = { ...subject, variant: `v${inputs.bookVersion}-t${inputs.tick}` };
  const read = await deps.cache.getOrCompute("metrics", valuation, async () => {
    const openAlerts = await readOpenAlerts(deps, subject);
    return computeMetrics(deps, subject, inputs, openAlerts.value);
  });
  // Read after the valuation, which may have raised or resolved alerts (and dropped the cached
  // list) — here or in a concurrent poll whose valuation this one waited for.
  const alerts = await readOpenAlerts(deps, subject);
  return {
    view: read.value,
    freshness: oldest(read.freshness, [...inputs.freshness, alerts.freshness]),
    bookVersion: inputs.bookVersion,
    chartVersion: chartVersion(inputs.bookVersion, inputs.book, inputs.market),
    alerts: { value: alerts.value, version: alerts.version },
  };
}

/**
 * A valuation made from a book, market or alerts served stale (PostgreSQL away) is as stale as
 * they are; otherwise the valuation's own freshness tells where it came from.
 */
function oldest(valuation: Freshness, inputs: Freshness[]): Freshness {
  const stale = inputs.filter((input) => input.source === "stale");
  if (stale.length === 0) return valuation;
  return stale.reduce((a, b) => (a.ageMs >= b.ageMs ? a : b));
}
