"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { dashboardInput } from "~/components/dashboard/dashboard-input.ts";
import { useTRPC } from "~/trpc/client.tsx";

/**
 * After a change to a trader's book: refetch everything that shows it (the profile and limits
 * forms, the live dashboard, the tenant's overview and the audit history), so the admin
 * sees the result at once rather than at the next poll.
 */
export function useInvalidateTrader(traderId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(() => {
    const input = dashboardInput(traderId);
    return Promise.all([
      queryClient.invalidateQueries(trpc.risk.profile.get.queryFilter({ traderId })),
      queryClient.invalidateQueries(trpc.risk.limits.list.queryFilter({ traderId })),
      queryClient.invalidateQueries(trpc.risk.dashboard.queryFilter(input)),
      queryClient.invalidateQueries(trpc.admin.traders.pathFilter()),
      queryClient.invalidateQueries(trpc.admin.auditLog.pathFilter()),
    ]);
  }, [trpc, queryClient, traderId]);
}
