"use client";

import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { POLL_INTERVAL_MS } from "~/trpc/query-client.ts";

/**
 * Refreshes the given queries every 5 s while the tab is visible (and once on coming back).
 * One timer starts every refetch in the same tick, so the batch link sends them as one HTTP
 * request; per-query intervals would drift apart into several.
 */
export function usePoll(queryKeys: readonly QueryKey[], intervalMs = POLL_INTERVAL_MS) {
  const queryClient = useQueryClient();
  const keys = useRef(queryKeys);
  keys.current = queryKeys;

  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState !== "visible") return;
      for (const queryKey of keys.current) {
        void queryClient.refetchQueries({ queryKey, exact: true, type: "active" });
      }
    };
    const timer = setInterval(refresh, intervalMs);
    document.addEventListener("visibilitychange", refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", refresh);
    };
  }, [queryClient, intervalMs]);
}
