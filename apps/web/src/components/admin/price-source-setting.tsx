"use client";

import { PRICE_SOURCES, type PriceSourceName } from "@repo/api/validators";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "~/trpc/client.tsx";
import { MutationError } from "./mutation-error.tsx";
import { PRICE_SOURCE_NAMES } from "./token-words.ts";

/** What each choice means for the firm's prices. */
const PRICE_SOURCE_HINTS: Record<PriceSourceName, string> = {
  SIMULATED: "the built-in feed moves every instrument's last price every few seconds",
  API: "your own system posts last prices to /api/v1/prices with a token of the Intraday prices scope; the simulated feed leaves the firm alone",
};

/** The firm's source of intraday last prices, switched at once (audited). */
export function PriceSourceSetting() {
  const trpc = useTRPC();
  const id = useId();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.admin.settings.priceSource.get.queryOptions());
  // The choice shows at once; a refusal puts back what the server has.
  const [choice, setChoice] = useState<PriceSourceName | null>(null);
  const set = useMutation(
    trpc.admin.settings.priceSource.set.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.admin.settings.priceSource.get.queryKey(), data);
        return queryClient.invalidateQueries(trpc.admin.auditLog.pathFilter());
      },
      onError: () => setChoice(null),
    }),
  );
  const chosen = choice ?? current.data?.priceSource;
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Price source</h2>
      <fieldset className="price-source" disabled={!current.data || set.isPending}>
        <legend>Where the firm's intraday last prices come from</legend>
        {PRICE_SOURCES.map((source) => (
          <span key={source} className="radio">
            <input
              type="radio"
              name={`${id}-source`}
              id={`${id}-${source}`}
              value={source}
              checked={chosen === source}
              aria-describedby={`${id}-${source}-hint`}
              onChange={() => {
                setChoice(source);
                set.mutate({ priceSource: source });
              }}
            />
            <label htmlFor={`${id}-${source}`}>{PRICE_SOURCE_NAMES[source]}</label>
            <span id={`${id}-${source}-hint`} className="hint">
              {PRICE_SOURCE_HINTS[source]}
            </span>
          </span>
        ))}
      </fieldset>
      <MutationError error={set.error ?? current.error} />
      <p className="saved" role="status">
        {set.isSuccess ? `Saved: ${PRICE_SOURCE_NAMES[set.data.priceSource]}.` : ""}
      </p>
    </section>
  );
}
