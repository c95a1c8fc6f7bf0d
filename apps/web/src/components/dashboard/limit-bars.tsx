import { memo } from "react";
import { limitName, limitValue, percent } from "~/lib/format.ts";
import type { RiskMetrics } from "~/trpc/types.ts";

type Limit = RiskMetrics["limits"][number];

const STATUS_TEXT = { OK: "OK", WARN: "Warning", BREACH: "Breach", NO_DATA: "No data" } as const;

const LimitBar = memo(function LimitBar({
  name,
  status,
  utilisation,
  measured,
  threshold,
}: {
  name: string;
  status: Limit["status"];
  utilisation: number;
  measured: string;
  threshold: string;
}) {
  const filled = Number.isFinite(utilisation) ? Math.min(utilisation, 1.25) / 1.25 : 0;
  return (
    <li className="limit" data-status={status}>
      <div className="limit-head">
        <span className="limit-name">{name}</span>
        <span className="limit-status">{STATUS_TEXT[status]}</span>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a native <meter> cannot show the threshold mark or colour by status the same way in every browser; the ARIA meter carries the same semantics. */}
      <div
        className="bar"
        role="meter"
        aria-label={`${name} utilisation`}
        aria-valuemin={0}
        aria-valuemax={125}
        aria-valuenow={Number.isFinite(utilisation) ? Math.round(utilisation * 100) : 0}
        aria-valuetext={`${percent(utilisation, 0)} of limit, ${STATUS_TEXT[status]}`}
      >
        <span className="fill" style={{ width: `${filled * 100}%` }} />
        <span className="threshold-mark" aria-hidden="true" />
      </div>
      <div className="limit-foot">
        <span className="utilisation">{percent(utilisation, 0)}</span>
        <span>
          {measured} of {threshold}
        </span>
      </div>
    </li>
  );
});

/** Each limit's utilisation (measured / threshold); the mark at 80 % of the bar is the threshold. */
export function LimitBars({
  limits,
  currency,
}: {
  limits: RiskMetrics["limits"];
  currency: string;
}) {
  if (limits.length === 0) return <p className="muted">No active limits.</p>;
  return (
    <ul className="limits" aria-label="Limit utilisation">
      {limits.map((limit) => (
        <LimitBar
          key={limit.id}
          name={limitName(limit.type, limit.symbol)}
          status={limit.status}
          utilisation={limit.utilisation}
          measured={limitValue(limit.type, limit.measured, currency)}
          threshold={limitValue(limit.type, limit.threshold, currency)}
        />
      ))}
    </ul>
  );
}
