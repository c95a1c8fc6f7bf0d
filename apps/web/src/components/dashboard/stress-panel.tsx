"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Explain } from "~/components/explain.tsx";
import { TableScroll } from "~/components/table-scroll.tsx";
import { limitName, money, percent, signedMoney } from "~/lib/format.ts";
import { useTRPC } from "~/trpc/client.tsx";
import type { RouterOutputs } from "~/trpc/types.ts";

type StressKind = RouterOutputs["risk"]["stress"]["scenarios"][number]["kind"];

const KIND_TEXT = {
  historical: "From the lookback",
  hypothetical: "Hypothetical",
  firm: "Firm scenario",
} as const satisfies Record<StressKind, string>;

/**
 * What the book would lose in a bad day or week of its own history, a shock or one of the firm's
 * own scenarios, and which limits would then be breached. Asked for again when the book or the
 * closes change (`version`, the charts' version) and at each visit, not at every poll: a
 * scenario is a what-if, not a live number.
 */
export function StressPanel({ traderId, version }: { traderId?: string; version?: string }) {
  const trpc = useTRPC();
  const stress = useQuery({
    ...trpc.risk.stress.queryOptions({ ...(traderId ? { traderId } : {}), version }),
    enabled: version !== undefined,
    placeholderData: keepPreviousData,
  });
  const data = stress.data;
  return (
    <section className="panel" aria-labelledby="stress-heading">
      <h2 id="stress-heading">
        Stress scenarios
        <Explain about="a stress scenario">
          Each scenario moves the prices of what the book holds and values it again: the worst day
          and the worst five days of the lookback (each instrument's own moves then), every price
          −10 %, the worst-hit sector −20 %, the benchmark −10 % passed on by each holding's beta,
          and the lookback's daily moves 1.5 times as large (prices unchanged: it tests the VaR, not
          the P&amp;L); then the scenarios your firm defined. VaR after: the one-day historical VaR
          once it happened. Breached: the limits past 100 % then, the day's loss counted.
        </Explain>
      </h2>
      {!data ? (
        <p className="muted">
          {stress.isError ? "Scenarios are not available now." : "Valuing the scenarios…"}
        </p>
      ) : (
        <TableScroll label="Stress scenarios table">
          <table>
            <caption className="visually-hidden">Stress scenarios on today's book</caption>
            <thead>
              <tr>
                <th scope="col">Scenario</th>
                <th scope="col" className="num">
                  P&amp;L
                </th>
                <th scope="col" className="num">
                  VaR after
                </th>
                <th scope="col">Limits breached</th>
              </tr>
            </thead>
            <tbody>
              {data.scenarios.map((scenario) => (
                <tr key={scenario.id}>
                  <th scope="row">
                    {scenario.name}
                    <span className="muted"> · {KIND_TEXT[scenario.kind]}</span>
                  </th>
                  {scenario.pnl === null ? (
                    <td className="num muted">no price move</td>
                  ) : (
                    <td className="num" data-sign={scenario.pnl < 0 ? "down" : "up"}>
                      {signedMoney(scenario.pnl, data.currency)}
                    </td>
                  )}
                  <td className="num">{money(scenario.valueAtRisk, data.currency)}</td>
                  <td>
                    {scenario.breaches.length === 0
                      ? "none"
                      : scenario.breaches
                          .map(
                            (b) =>
                              `${limitName(b.type, b.symbol)} ${percent(b.utilisation, 0)}${b.severity === "HARD" ? " (hard)" : ""}`,
                          )
                          .join(", ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
