import { downloadCsv } from "~/lib/csv.ts";
import { limitName } from "~/lib/format.ts";
import type { RiskMetrics } from "~/trpc/types.ts";

/** The positions table as a file: one row per holding, in the book's currency. */
export function downloadPositions(holdings: RiskMetrics["holdings"], currency: string) {
  downloadCsv(
    "positions.csv",
    holdings.map((h) => ({
      symbol: h.symbol,
      sector: h.sector,
      quantity: h.quantity,
      price: h.price,
      notional: h.notional,
      weight: h.weight,
      day_pnl: h.dayPnl,
      var_contribution: h.contribution.historical,
      var_share: h.contribution.share,
      currency,
    })),
  );
}

/** The limits as measured now: one row per active limit. */
export function downloadLimits(limits: RiskMetrics["limits"]) {
  downloadCsv(
    "limits.csv",
    limits.map((l) => ({
      limit: limitName(l.type, l.symbol),
      type: l.type,
      symbol: l.symbol,
      severity: l.severity,
      status: l.status,
      measured: l.measured,
      threshold: l.threshold,
      utilisation: l.utilisation,
      warn_fraction: l.warnFraction,
    })),
  );
}
