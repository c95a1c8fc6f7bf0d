import { memo } from "react";
import { money, percent } from "~/lib/format.ts";
import type { RiskMetrics } from "~/trpc/types.ts";

/** Gross exposure per sector as a share of the book, with the net beside it. */
export const SectorExposure = memo(function SectorExposure({
  sectors,
  currency,
}: {
  sectors: RiskMetrics["sectors"];
  currency: string;
}) {
  if (sectors.length === 0) return <p className="muted">No exposure.</p>;
  return (
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
  );
});
