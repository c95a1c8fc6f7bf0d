"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { ConfirmAction } from "./confirm-action.tsx";

/**
 * Warm up (compute every trader's metrics now) and invalidate (drop the firm's cached values on
 * every server, once confirmed). The outcome is said in a line that is always there, so the page
 * never jumps.
 */
export function CacheActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<{ text: string; failed: boolean } | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.admin.cacheStats.pathFilter()),
      queryClient.invalidateQueries(trpc.admin.traders.pathFilter()),
    ]);
  const fail = (error: unknown) => setResult({ text: messageOf(error), failed: true });

  const warmUp = useMutation(
    trpc.admin.warmUp.mutationOptions({
      onSuccess: async ({ traders, warmed, failed }) => {
        const failures = failed > 0 ? ` ${failed} could not be computed.` : "";
        setResult({
          text: `Warmed up ${warmed} of ${traders} traders' metrics.${failures}`,
          failed: failed > 0,
        });
        await refresh();
      },
      onError: fail,
    }),
  );
  const invalidate = useMutation(
    trpc.admin.invalidateTenant.mutationOptions({
      onSuccess: async () => {
        setResult({
          text: "Dropped your firm's cached values on every server: the next reads recompute.",
          failed: false,
        });
        await refresh();
      },
      onError: fail,
    }),
  );
  const busy = warmUp.isPending || invalidate.isPending;
  return (
    <section className="panel" aria-labelledby="cache-actions-heading">
      <h2 id="cache-actions-heading">Actions</h2>
      <div className="actions">
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            setResult(null);
            warmUp.mutate(undefined);
          }}
        >
          {warmUp.isPending ? "Warming up…" : "Warm up"}
        </button>
        <ConfirmAction
          action="Invalidate tenant"
          question="Drop your firm's cached values on every server? The next reads recompute them."
          confirm="Invalidate"
          confirming="Invalidating…"
          pending={invalidate.isPending}
          disabled={busy}
          onConfirm={() => {
            setResult(null);
            invalidate.mutate(undefined);
          }}
        />
      </div>
      <p
        className={result?.failed ? "result error" : "result"}
        role="status"
        data-testid="cache-action-result"
      >
        {result?.text ?? ""}
      </p>
    </section>
  );
}
