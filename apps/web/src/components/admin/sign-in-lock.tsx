"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { messageOf } from "~/lib/errors.ts";
import { whenOf } from "~/lib/format.ts";
import { useTimeZone } from "~/lib/use-time-zone.ts";
import { useTRPC } from "~/trpc/client.tsx";
import type { RouterOutputs } from "~/trpc/types.ts";

type SignInState = RouterOutputs["admin"]["signInState"];

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The trader's sign-in in one sentence: whether it is locked or slowed down, where, how long. */
function stateInWords(state: SignInState, timeZone: string): string {
  const failures = plural(state.failedAttempts, "failed sign-in", "failed sign-ins");
  const until = state.pausedUntil ? ` until ${whenOf(state.pausedUntil, timeZone)}` : "";
  if (state.pausedEverywhere) {
    return `Locked: sign-in is paused from every address${until}, after ${failures} from many places.`;
  }
  if (state.pausedAddresses > 0) {
    const where = plural(state.pausedAddresses, "address", "addresses");
    const how = state.locked ? "Locked" : "Slowed down";
    return `${how}: sign-in is paused from ${where}${until}, after ${failures}.`;
  }
  if (state.failedAttempts > 0) return `Not locked: ${failures} lately.`;
  return "Not locked: no failed sign-ins lately.";
}

/**
 * Whether the trader can sign in, refreshed with the page's polls, and the button that forgets
 * their failed sign-ins from every address. The outcome is said in a line that is always there,
 * so the page never jumps.
 */
export function SignInLock({ traderId }: { traderId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingId = useId();
  const timeZone = useTimeZone();
  const stateQuery = useQuery({
    ...trpc.admin.signInState.queryOptions({ traderId }),
    refetchInterval: 5_000,
  });
  const [result, setResult] = useState<{ text: string; failed: boolean } | null>(null);
  const unlock = useMutation(
    trpc.admin.unlockSignIn.mutationOptions({
      onSuccess: async (after) => {
        queryClient.setQueryData(trpc.admin.signInState.queryKey({ traderId }), after);
        setResult({ text: "Unlocked: the trader can sign in again from anywhere.", failed: false });
        await queryClient.invalidateQueries(trpc.admin.auditLog.pathFilter());
      },
      onError: (error) => setResult({ text: messageOf(error), failed: true }),
    }),
  );
  const state = stateQuery.data;
  const nothingToUnlock =
    !state ||
    (state.failedAttempts === 0 && state.pausedAddresses === 0 && !state.pausedEverywhere);
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Sign-in</h2>
      <p className={stateQuery.error ? "error" : undefined} data-testid="sign-in-state">
        {state
          ? stateInWords(state, timeZone)
          : stateQuery.error
            ? messageOf(stateQuery.error)
            : "Loading…"}
      </p>
      <div className="actions">
        <button
          type="button"
          disabled={unlock.isPending || nothingToUnlock}
          onClick={() => {
            setResult(null);
            unlock.mutate({ traderId });
          }}
        >
          {unlock.isPending ? "Unlocking…" : "Unlock sign-in"}
        </button>
      </div>
      <p
        className={result?.failed ? "result error" : "result"}
        role="status"
        data-testid="sign-in-unlock-result"
      >
        {result?.text ?? ""}
      </p>
    </section>
  );
}
