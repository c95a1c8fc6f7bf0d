"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { ConfirmAction } from "./confirm-action.tsx";
import type { Person } from "./people-table.tsx";
import type { IssuedPassword } from "./temporary-password.tsx";

/**
 * Deactivate (asked first) or reactivate, reset the password (asked first), and unlock a
 * trader locked out by failed sign-ins. Every change reloads the list, the traders overview and
 * the audit history, which it changed.
 */
export function PersonActions({
  person,
  onIssued,
}: {
  person: Person;
  onIssued: (issued: IssuedPassword) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.admin.people.list.pathFilter()),
      queryClient.invalidateQueries(trpc.admin.traders.pathFilter()),
      queryClient.invalidateQueries(trpc.admin.auditLog.pathFilter()),
    ]);
  };
  const options = { onSuccess: refresh };
  const deactivate = useMutation(trpc.admin.people.deactivate.mutationOptions(options));
  const reactivate = useMutation(trpc.admin.people.reactivate.mutationOptions(options));
  const unlock = useMutation(trpc.admin.unlockSignIn.mutationOptions(options));
  const reset = useMutation(
    trpc.admin.people.resetPassword.mutationOptions({
      onSuccess: async ({ temporaryPassword }) => {
        onIssued({ name: person.name, password: temporaryPassword, reason: "reset" });
        await refresh();
      },
    }),
  );
  const failed = [deactivate, reactivate, unlock, reset].find((mutation) => mutation.error);
  const userId = person.id;
  return (
    <>
      <span className="person-actions">
        {person.active ? (
          <ConfirmAction
            action="Deactivate"
            confirm="Deactivate"
            confirming="Deactivating…"
            name={`Deactivate ${person.name}`}
            question={`Deactivate ${person.name}?`}
            pending={deactivate.isPending}
            onConfirm={() => deactivate.mutate({ userId })}
          />
        ) : (
          <button
            type="button"
            aria-label={`Reactivate ${person.name}`}
            disabled={reactivate.isPending}
            onClick={() => reactivate.mutate({ userId })}
          >
            {reactivate.isPending ? "Reactivating…" : "Reactivate"}
          </button>
        )}
        <ConfirmAction
          action="Reset password"
          confirm="Reset password"
          confirming="Resetting…"
          name={`Reset password of ${person.name}`}
          question={`Give ${person.name} a temporary password?`}
          pending={reset.isPending}
          onConfirm={() => reset.mutate({ userId })}
        />
        {person.locked && person.role === "TRADER" ? (
          <button
            type="button"
            aria-label={`Unlock sign-in of ${person.name}`}
            disabled={unlock.isPending}
            onClick={() => unlock.mutate({ traderId: userId })}
          >
            {unlock.isPending ? "Unlocking…" : "Unlock"}
          </button>
        ) : null}
      </span>
      {failed ? (
        <p className="error" role="alert">
          {messageOf(failed.error)}
        </p>
      ) : null}
    </>
  );
}
