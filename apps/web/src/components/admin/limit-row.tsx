"use client";

import { useMutation } from "@tanstack/react-query";
import { limitName, limitValue, percent } from "~/lib/format.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { ConfirmDelete } from "./confirm-delete.tsx";
import { type LimitView, SEVERITY_NAMES } from "./limit-form.ts";
import { useInvalidateTrader } from "./use-invalidate-trader.ts";

/**
 * A limit as it stands, with History, Edit and Delete. Delete asks first, in the row itself: "Delete"
 * sends the version the row shows, so a limit changed meanwhile is not removed unseen.
 */
export function LimitRow({
  traderId,
  limit,
  currency,
  onEdit,
  onHistory,
  onFailure,
}: {
  traderId: string;
  limit: LimitView;
  currency: string;
  onEdit: () => void;
  /** Opens the limit's history below the table. */
  onHistory: () => void;
  onFailure: (error: unknown) => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateTrader(traderId);
  const name = limitName(limit.type, limit.symbol);
  const remove = useMutation(
    trpc.risk.limits.delete.mutationOptions({
      onSuccess: () => invalidate(),
      onError: onFailure,
    }),
  );

  return (
    <tr data-active={limit.active}>
      <th scope="row">{name}</th>
      <td>{limit.symbol ?? <span className="muted">Whole book</span>}</td>
      <td className="num">{limitValue(limit.type, limit.threshold, currency)}</td>
      <td className="num">{percent(limit.warnFraction, 0)}</td>
      <td>{SEVERITY_NAMES[limit.severity]}</td>
      <td>{limit.active ? "Yes" : "No"}</td>
      <td className="row-actions">
        <ConfirmDelete
          name={name}
          what="limit"
          pending={remove.isPending}
          onDelete={() => {
            onFailure(null);
            remove.mutate({ traderId, id: limit.id, version: limit.version });
          }}
          before={
            <>
              <button
                type="button"
                className="secondary"
                aria-label={`History of ${name}`}
                onClick={onHistory}
              >
                History
              </button>
              <button
                type="button"
                className="secondary"
                aria-label={`Edit ${name}`}
                onClick={onEdit}
              >
                Edit
              </button>
            </>
          }
        />
      </td>
    </tr>
  );
}
