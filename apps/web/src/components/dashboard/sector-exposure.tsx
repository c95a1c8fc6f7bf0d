import { memo } from "react";
import { money, percent } from "~/lib/format.ts";
import type { RiskMetrics } from "~/trpc/types.ts";

/** A share as a bar's fill: a hedge (negative) or an unknown share fills nothing. */
const barOf = (share: number) => (Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0);

/**
 * Gross exposure per sector as a share of the book, with the net beside it; then each sector's
 * part of the one-day historical VaR (its holdings' components: a hedge's is negative).
 */
export const SectorExposure = memo(function SectorExposure({
  sectors,
  currency,
}: {
  sectors: RiskMetrics["sectors"];
  currency: string;
}) {
  if (sectors.length === 0) return <p className="muted">No exposure.</p>;
  const byRisk = [...sectors].sort((a, b) => b.contribution.historical - a.contribution.historical);
  return (
    <>
      <ul className="sectors" aria-label="Exposure by sector">
        {sectors.map((sector) => (
          <li key={sector.sector}>
            <span className="sector-name">{sector.sector}</span>
            <span className="sector-bar" aria-hidden="true">
              <span style={{ width: `${Math.min(1, sector.weight) * 100}%` }} />
            </span>
            <span className="num">{percent(sector.weight)}</span>
            <span className="num muted">net {money(sector.net, currency)}</span>
          </li>
        ))}
      </ul>
      <h3 className="sectors-heading">Where the VaR comes from</h3>
      <ul className="sectors" aria-label="VaR by sector" data-kind="risk">
        {byRisk.map(({ sector, contribution }) => (
          <li key={sector}>
            <span className="sector-name">{sector}</span>
            <span className="sector-bar" aria-hidden="true">
              <span style={{ width: `${barOf(contribution.share) * 100}%` }} />
            </span>
            <span className="num">{percent(contribution.share)}</span>
            <span className="num muted">{money(contribution.historical, currency)}</span>
          </li>
        ))}
      </ul>
    </>
  );
});
