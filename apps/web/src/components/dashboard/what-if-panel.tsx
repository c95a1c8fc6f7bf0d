"use client";

import { ZQuantity, ZSymbol } from "@repo/api/validators";
import { skipToken, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { FieldError } from "~/components/field-error.tsx";
import { TableScroll } from "~/components/table-scroll.tsx";
import { fieldErrorsOf, messageOf } from "~/lib/errors.ts";
import { decimal, limitValue, money, percent, STATUS_TEXT } from "~/lib/format.ts";
import { useTRPC } from "~/trpc/client.tsx";
import type { RouterOutputs } from "~/trpc/types.ts";

type WhatIf = RouterOutputs["risk"]["whatIf"];
type Trade = { symbol: string; quantity: number };

/**
 * "What if I traded this?": the book's figures and every limit after a position the trader types,
 * valued on the server from the cached book and histories, before anything is opened.
 */
export function WhatIfPanel({ traderId }: { traderId?: string }) {
  const trpc = useTRPC();
  const id = useId();
  const [symbol, setSymbol] = useState("");
  const [quantity, setQuantity] = useState("");
  const [trade, setTrade] = useState<Trade | null>(null);
  const [errors, setErrors] = useState<{ symbol?: string; quantity?: string }>({});
  // Nothing is asked until a trade has been entered (skipToken).
  const result = useQuery({
    ...trpc.risk.whatIf.queryOptions(
      trade ? { ...(traderId ? { traderId } : {}), ...trade } : skipToken,
    ),
    retry: false,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsedSymbol = ZSymbol.safeParse(symbol);
    const parsedQuantity = ZQuantity.safeParse(
      quantity.trim() === "" ? Number.NaN : Number(quantity),
    );
    setErrors({
      ...(parsedSymbol.success ? {} : { symbol: parsedSymbol.error.issues[0]?.message }),
      ...(parsedQuantity.success ? {} : { quantity: parsedQuantity.error.issues[0]?.message }),
    });
    if (parsedSymbol.success && parsedQuantity.success) {
      setTrade({ symbol: parsedSymbol.data, quantity: parsedQuantity.data });
    }
  }

  const serverSymbolError = result.error ? fieldErrorsOf(result.error).symbol?.[0] : undefined;
  const symbolError = errors.symbol ?? serverSymbolError;
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Before you trade</h2>
      <form className="what-if" noValidate onSubmit={submit} aria-label="Try a trade">
        <div className="what-if-field">
          <label htmlFor={`${id}-symbol`}>Symbol</label>
          <input
            id={`${id}-symbol`}
            autoComplete="off"
            value={symbol}
            onChange={(event) => setSymbol(event.target.value)}
            aria-invalid={Boolean(symbolError)}
            aria-describedby={`${id}-symbol-error`}
          />
          <FieldError id={`${id}-symbol-error`} message={symbolError} />
        </div>
        <div className="what-if-field">
          <label htmlFor={`${id}-quantity`}>Quantity</label>
          <input
            id={`${id}-quantity`}
            type="number"
            inputMode="decimal"
            step="any"
            value={quantity}
            onChange={(event) => setQuantity(event.target.value)}
            aria-invalid={Boolean(errors.quantity)}
            aria-describedby={`${id}-quantity-hint ${id}-quantity-error`}
          />
          <span id={`${id}-quantity-hint`} className="hint">
            negative to sell short
          </span>
          <FieldError id={`${id}-quantity-error`} message={errors.quantity} />
        </div>
        <button type="submit">See the book after it</button>
      </form>
      {result.error && !serverSymbolError ? (
        <p className="error" role="alert">
          {messageOf(result.error)}
        </p>
      ) : null}
      {result.data && trade ? <WhatIfResult result={result.data} /> : null}
    </section>
  );
}

function WhatIfResult({ result }: { result: WhatIf }) {
  const { currency, before, after } = result;
  const figures: [string, (f: WhatIf["before"]) => string][] = [
    ["Net asset value", (f) => money(f.nav, currency)],
    ["Gross exposure", (f) => money(f.gross, currency)],
    ["Leverage", (f) => `${decimal(f.leverage)}×`],
    ["VaR, 1 day", (f) => money(f.historicalVaR, currency)],
    ["CVaR, 1 day", (f) => money(f.historicalCVaR, currency)],
    ["Risk score", (f) => (Number.isFinite(f.score) ? `${Math.round(f.score)} / 100` : "—")],
  ];
  const breached = result.limits.filter((limit) => limit.breachedByTrade);
  return (
    <div className="what-if-result">
      <p role="status">
        {result.trade.quantity > 0 ? "Buying" : "Selling short"}{" "}
        {Math.abs(result.trade.quantity).toLocaleString("en-US")} {result.trade.symbol} at{" "}
        {money(result.trade.price, currency, "cents")}:{" "}
        {breached.length === 0
          ? "no limit would be breached."
          : `it would breach ${breached.map((l) => `${l.name} (${l.severity === "HARD" ? "hard: refused" : "soft: needs confirming"})`).join(", ")}.`}
      </p>
      <TableScroll label="What-if tables">
        <table>
          <caption className="visually-hidden">The book now and after the trade</caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col" className="num">
                Now
              </th>
              <th scope="col" className="num">
                After
              </th>
            </tr>
          </thead>
          <tbody>
            {figures.map(([name, show]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td className="num">{show(before)}</td>
                <td className="num">{show(after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption className="visually-hidden">Each limit now and after the trade</caption>
          <thead>
            <tr>
              <th scope="col">Limit</th>
              <th scope="col" className="num">
                Now
              </th>
              <th scope="col" className="num">
                After
              </th>
              <th scope="col">Status after</th>
            </tr>
          </thead>
          <tbody>
            {result.limits.map((limit) => (
              <tr key={limit.id} data-breached={limit.breachedByTrade ? "yes" : undefined}>
                <th scope="row">{limit.name}</th>
                <td className="num">{percent(limit.before.utilisation, 0)}</td>
                <td className="num">
                  {percent(limit.after.utilisation, 0)}{" "}
                  <span className="muted">
                    {limitValue(limit.type, limit.after.measured, currency)}
                  </span>
                </td>
                <td>{STATUS_TEXT[limit.after.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
