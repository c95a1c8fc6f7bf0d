"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { limitName, limitValue, percent } from "~/lib/format.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { type LimitView, SEVERITY_NAMES } from "./limit-form.ts";
import { useInvalidateTrader } from "./use-invalidate-trader.ts";

/**
 * A limit as it stands, with Edit and Delete. Delete asks first, in the row itself: "Delete"
 * sends the version the row shows, so a limit changed meanwhile is not removed unseen.
 */
export function LimitRow({
  traderId,
  limit,
  currency,
  onEdit,
  onFailure,
}: {
  traderId: string;
  limit: LimitView;
  currency: string;
  onEdit: () => void;
  onFailure: (error: unknown) => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateTrader(traderId);
  const name = limitName(limit.type, limit.symbol);
  const [confirming, setConfirming] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const remove = useMutation(
    trpc.risk.limits.delete.mutationOptions({
      onSuccess: () => invalidate(),
      onError: (error) => {
        setConfirming(false);
        onFailure(error);
      },
    }),
  );

  // Focus follows the question: to the safe answer when asked, back to Delete when kept.
  const asked = useRef(false);
  useEffect(() => {
    if (confirming) keepRef.current?.focus();
    else if (asked.current) deleteRef.current?.focus();
    asked.current = confirming;
  }, [confirming]);

  return (
    <tr data-active={limit.active}>
      <th scope="row">{name}</th>
      <td>{limit.symbol ?? <span className="muted">Whole book</span>}</td>
      <td className="num">{limitValue(limit.type, limit.threshold, currency)}</td>
      <td className="num">{percent(limit.warnFraction, 0)}</td>
      <td>{SEVERITY_NAMES[limit.severity]}</td>
      <td>{limit.active ? "Yes" : "No"}</td>
      <td className="row-actions">
        {confirming ? (
          <span className="confirm">
            <span>Delete this limit?</span>
            <button
              type="button"
              className="danger"
              disabled={remove.isPending}
              onClick={() => {
                onFailure(null);
                remove.mutate({ traderId, id: limit.id, version: limit.version });
              }}
            >
              {remove.isPending ? "Deleting…" : "Delete"}
            </button>
            <button
              ref={keepRef}
              type="button"
              className="secondary"
              disabled={remove.isPending}
              onClick={() => setConfirming(false)}
            >
              Keep
            </button>
          </span>
        ) : (
          <>
            <button
              type="button"
              className="secondary"
              aria-label={`Edit ${name}`}
              onClick={onEdit}
            >
              Edit
            </button>
            <button
              ref={deleteRef}
              type="button"
              className="danger"
              aria-label={`Delete ${name}`}
              onClick={() => setConfirming(true)}
            >
              Delete
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
