import { Fragment } from "react";
import { money } from "~/lib/format.ts";
import type { RouterOutputs } from "~/trpc/types.ts";

type Totals = RouterOutputs["admin"]["traders"]["totals"];

/**
 * The whole firm at a glance, whatever the search shows: exposure and VaR per book currency
 * (named only when the firm's books are in more than one), and the open breaches.
 */
export function FirmTotals({ totals }: { totals: Totals }) {
  const named = totals.byCurrency.length > 1;
  const term = (text: string, currency: string) => (named ? `${text}, ${currency}` : text);
  return (
    <dl className="firm-totals" aria-label="Firm totals">
      {totals.byCurrency.map((sum) => (
        <Fragment key={sum.currency}>
          <div>
            <dt>{term("Gross exposure", sum.currency)}</dt>
            <dd>{money(sum.gross, sum.currency)}</dd>
          </div>
          <div>
            <dt>{term("Net exposure", sum.currency)}</dt>
            <dd>{money(sum.net, sum.currency)}</dd>
          </div>
          <div>
            <dt>{term("VaR sum (1 day)", sum.currency)}</dt>
            <dd>{money(sum.var, sum.currency)}</dd>
          </div>
        </Fragment>
      ))}
      <div>
        <dt>Open breaches</dt>
        <dd data-breaches={totals.openBreaches > 0 ? "some" : "none"}>{totals.openBreaches}</dd>
      </div>
    </dl>
  );
}
