import { money } from "~/lib/format.ts";
import type { RouterOutputs } from "~/trpc/types.ts";

type Totals = RouterOutputs["admin"]["traders"]["totals"];

/** The whole firm at a glance, whatever the search shows: exposure and VaR per currency. */
export function FirmTotals({ totals }: { totals: Totals }) {
  return (
    <dl className="firm-totals" aria-label="Firm totals">
      {totals.byCurrency.map((sum) => (
        <div key={sum.currency} className="firm-total-group">
          <div>
            <dt>Gross exposure</dt>
            <dd>{money(sum.gross, sum.currency)}</dd>
          </div>
          <div>
            <dt>Net exposure</dt>
            <dd>{money(sum.net, sum.currency)}</dd>
          </div>
          <div>
            <dt>VaR sum (1 day)</dt>
            <dd>{money(sum.var, sum.currency)}</dd>
          </div>
        </div>
      ))}
      <div>
        <dt>Open breaches</dt>
        <dd data-breaches={totals.openBreaches > 0 ? "some" : "none"}>{totals.openBreaches}</dd>
      </div>
    </dl>
  );
}
