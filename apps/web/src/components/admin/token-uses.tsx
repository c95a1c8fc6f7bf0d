"use client";

import { useQuery } from "@tanstack/react-query";
import { TableScroll } from "~/components/table-scroll.tsx";
import { messageOf } from "~/lib/errors.ts";
import { quantity, whenOf } from "~/lib/format.ts";
import { useTimeZone } from "~/lib/use-time-zone.ts";
import { useTRPC } from "~/trpc/client.tsx";

/** The firm's latest requests made with its tokens, newest first, under the token's name. */
export function TokenUses() {
  const trpc = useTRPC();
  const uses = useQuery(trpc.admin.tokens.uses.queryOptions());
  const timeZone = useTimeZone();
  return (
    <section className="panel" aria-labelledby="token-uses-heading">
      <h2 id="token-uses-heading">Recent uses</h2>
      {!uses.data ? (
        <p className={uses.error ? "error" : "muted"} role="alert">
          {uses.error ? messageOf(uses.error) : "Loading…"}
        </p>
      ) : uses.data.length === 0 ? (
        <p className="muted">No token has been used yet.</p>
      ) : (
        <TableScroll label="Recent uses table">
          <table aria-label="Recent uses" className="token-uses">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Token</th>
                <th scope="col">Operation</th>
                <th scope="col">Status</th>
                <th scope="col">Rows</th>
              </tr>
            </thead>
            <tbody>
              {uses.data.map((use) => (
                <tr key={use.id} data-failed={use.status >= 400}>
                  <td>{whenOf(use.at, timeZone)}</td>
                  <th scope="row">{use.tokenName}</th>
                  <td>
                    {use.operation}
                    {use.replayed ? " (repeated)" : ""}
                  </td>
                  <td>{use.status === 0 ? "Running" : use.status}</td>
                  <td className="num">{quantity(use.rows)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
