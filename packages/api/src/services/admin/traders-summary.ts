import { DEFAULT_CURRENCY, type RiskScore } from "@repo/risk-engine";
import type { ServiceDeps } from "../../deps.ts";
import { NoProfileError } from "../risk/compute-metrics.ts";
import { getMetrics } from "../risk/get-metrics.ts";
import { activeTraders } from "./active-traders.ts";
import { mapBounded } from "./map-bounded.ts";

/** At most this many traders' metrics are computed at once while building the summary. */
export const SUMMARY_CONCURRENCY = 4;

/**
 * One trader's line in the cached summary: ids, score and counts only, never a name or an email
 * (no personal data in the cache: docs/architecture.md, "The tenant model").
 */
export interface TraderScoreLine {
  traderId: string;
  score: Pick<RiskScore, "value" | "status" | "driver">;
  /** Gross and net exposure and 1-day historical VaR in `currency`; NaN when not valued. */
  gross: number;
  net: number;
  var: number;
  currency: string;
  openBreaches: number;
}

type Valuation = Omit<TraderScoreLine, "traderId" | "openBreaches">;

/** The line of a trader no one has given a risk profile: listed, not valued. */
const NO_PROFILE: Valuation = {
  score: { value: Number.NaN, status: "NO_DATA", driver: "No risk profile yet" },
  gross: Number.NaN,
  net: Number.NaN,
  var: Number.NaN,
  currency: DEFAULT_CURRENCY,
};

/**
 * Each active trader's score (through the per-trader metrics cache) and open BREACH alerts. The
 * alerts are counted after the metrics are read, since computing metrics brings alerts in line.
 * Cached for the `traders` kind's TTL and dropped by writes to any book; scores and breach
 * counts follow the prices within that TTL.
 */
export async function computeTradersSummary(
  deps: ServiceDeps,
  tenantId: string,
): Promise<TraderScoreLine[]> {
  const traders = await activeTraders(deps.db, tenantId);
  const scores = await mapBounded(traders, SUMMARY_CONCURRENCY, async (subject) => {
    const valuation = await getMetrics(deps, subject).then(
      ({ view }): Valuation => {
        const { score, exposure, risk } = view.metrics;
        const { value, status, driver } = score;
        return {
          score: { value, status, driver },
          gross: exposure.gross,
          net: exposure.net,
          var: risk.historicalVaR,
          currency: view.currency,
        };
      },
      (error: unknown) => {
        // One trader without a profile must not hide the whole firm from its admin.
        if (error instanceof NoProfileError) return NO_PROFILE;
        throw error;
      },
    );
    return { traderId: subject.userId, ...valuation };
  });
  const breaches = await deps.db.riskAlert.groupBy({
    by: ["traderId"],
    where: { level: "BREACH", resolvedAt: null },
    _count: { _all: true },
  });
  const breachesOf = new Map(breaches.map((row) => [row.traderId, row._count._all]));
  return scores.map((line) => ({ ...line, openBreaches: breachesOf.get(line.traderId) ?? 0 }));
}
