"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TableScroll } from "~/components/table-scroll.tsx";
import { messageOf } from "~/lib/errors.ts";
import { whenOf } from "~/lib/format.ts";
import { useTimeZone } from "~/lib/use-time-zone.ts";
import { useTRPC } from "~/trpc/client.tsx";
import type { RouterOutputs } from "~/trpc/types.ts";
import { ConfirmAction } from "./confirm-action.tsx";
import { scopesInWords } from "./token-words.ts";

type Token = RouterOutputs["admin"]["tokens"]["list"][number];

/** The firm's tokens: which is which, what each may do, who made it, its last use; revoke. */
export function TokensTable() {
  const trpc = useTRPC();
  const tokens = useQuery(trpc.admin.tokens.list.queryOptions());
  const timeZone = useTimeZone();
  if (!tokens.data) {
    return (
      <p className={tokens.error ? "error" : "muted"} role="alert">
        {tokens.error ? messageOf(tokens.error) : "Loading…"}
      </p>
    );
  }
  if (tokens.data.length === 0) {
    return <p className="muted">No API tokens yet: make one below.</p>;
  }
  return (
    <TableScroll label="API tokens table">
      <table aria-label="API tokens" className="tokens">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Token</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {tokens.data.map((token) => (
            <tr key={token.id} data-revoked={token.revokedAt !== null}>
              <th scope="row">{token.name}</th>
              <td>
                <code>{token.label}</code>
              </td>
              <td data-label="Scopes">{scopesInWords(token.scopes)}</td>
              <td data-label="Created">
                {whenOf(token.createdAt, timeZone)} by {token.createdBy}
              </td>
              <td data-label="Last used">
                {token.lastUsedAt ? whenOf(token.lastUsedAt, timeZone) : "Never"}
              </td>
              <td className="row-actions">
                {token.revokedAt ? (
                  <span className="muted">Revoked {whenOf(token.revokedAt, timeZone)}</span>
                ) : (
                  <RevokeToken token={token} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Revoke, asked first: the token's next request, on any server, is refused. */
function RevokeToken({ token }: { token: Token }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.admin.tokens.revoke.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.admin.tokens.list.pathFilter()),
          queryClient.invalidateQueries(trpc.admin.auditLog.pathFilter()),
        ]),
    }),
  );
  return (
    <>
      <ConfirmAction
        action="Revoke"
        name={`Revoke ${token.name}`}
        question={`Revoke ${token.name}? Systems using it stop at once.`}
        confirm="Revoke"
        confirming="Revoking…"
        pending={revoke.isPending}
        onConfirm={() => revoke.mutate({ tokenId: token.id })}
      />
      {revoke.error ? (
        <p className="error" role="alert">
          {messageOf(revoke.error)}
        </p>
      ) : null}
    </>
  );
}
