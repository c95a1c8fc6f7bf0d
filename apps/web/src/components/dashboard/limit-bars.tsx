import { memo } from "react";
import { limitName, limitValue, percent, STATUS_TEXT } from "~/lib/format.ts";
import type { RiskMetrics } from "~/trpc/types.ts";

type Limit = RiskMetrics["limits"][number];

/** The bar runs to 125 % of the limit, so a breach shows how far past it the book is. */
const BAR_END = 1.25;
const atOnBar = (fraction: number) => `${(Math.min(fraction, BAR_END) / BAR_END) * 100}%`;

/** Breaches first, then warnings, OK and unmeasured; within each, the most used first. */
const STATUS_ORDER = { BREACH: 0, WARN: 1, OK: 2, NO_DATA: 3 } as const;
const byUrgency = (a: Limit, b: Limit) =>
  STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
  (Number.isNaN(b.utilisation) ? -1 : b.utilisation) -
    (Number.isNaN(a.utilisation) ? -1 : a.utilisation);

const LimitBar = memo(function LimitBar({
  name,
  status,
  utilisation,
  warnFraction,
  measured,
  threshold,
}: {
  name: string;
  status: Limit["status"];
  utilisation: number;
  warnFraction: number;
  measured: string;
  threshold: string;
}) {
  const filled = Number.isNaN(utilisation) ? "0%" : atOnBar(utilisation);
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
        aria-valuemax={BAR_END * 100}
        aria-valuenow={Number.isFinite(utilisation) ? Math.round(utilisation * 100) : 0}
        aria-valuetext={`${percent(utilisation, 0)} of limit, ${STATUS_TEXT[status]}`}
      >
        <span className="fill" style={{ width: filled }} />
        <span className="warn-mark" aria-hidden="true" style={{ left: atOnBar(warnFraction) }} />
        <span className="threshold-mark" aria-hidden="true" style={{ left: atOnBar(1) }} />
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

/**
 * Each limit's utilisation (measured / threshold), breaches first. Each bar marks where the limit
 * warns (its warn fraction) and where it is breached (the limit itself, 80 % along the bar).
 */
export function LimitBars({
  limits,
  currency,
}: {
  limits: RiskMetrics["limits"];
  currency: string;
}) {
  if (limits.length === 0) return <p className="muted">No active limits.</p>;
  return (
    <>
      <p className="limits-legend">
        <span className="legend-warn" aria-hidden="true" /> warns
        <span className="legend-limit" aria-hidden="true" /> limit
      </p>
      <ul className="limits" aria-label="Limit utilisation">
        {[...limits].sort(byUrgency).map((limit) => (
          <LimitBar
            key={limit.id}
            name={limitName(limit.type, limit.symbol)}
            status={limit.status}
            utilisation={limit.utilisation}
            warnFraction={limit.warnFraction}
            measured={limitValue(limit.type, limit.measured, currency)}
            threshold={limitValue(limit.type, limit.threshold, currency)}
          />
        ))}
      </ul>
    </>
  );
}
