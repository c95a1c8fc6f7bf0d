import type { RiskMetrics } from "~/trpc/types.ts";

const REASONS = {
  UNKNOWN_INSTRUMENT: "the instrument is not known",
  INVALID_PRICE: "it has no usable price",
  INVALID_QUANTITY: "its quantity is not a number",
} as const;

/** Positions the numbers above leave out, and why: a trader must know what is not counted. */
export function ExcludedPositions({ excluded }: { excluded: RiskMetrics["excluded"] }) {
  if (excluded.length === 0) return null;
  return (
    <section className="panel warning" aria-labelledby="excluded-heading">
      <h2 id="excluded-heading">Left out of these numbers</h2>
      <ul>
        {excluded.map((position) => (
          <li key={position.instrumentId}>
            {position.symbol ?? position.instrumentId}: {REASONS[position.reason]}
          </li>
        ))}
      </ul>
    </section>
  );
}
