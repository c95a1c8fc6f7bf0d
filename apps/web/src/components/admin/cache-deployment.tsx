"use client";

import { useQuery } from "@tanstack/react-query";
import { usePoll } from "~/components/dashboard/use-poll.ts";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { CacheAlerts } from "./cache-alerts.tsx";
import { CacheCharts } from "./cache-charts.tsx";
import { CacheInstances } from "./cache-instances.tsx";

/** The deployment's instances, their sum, alerts and last hour, refreshed every 5 s. */
export function CacheDeployment() {
  const trpc = useTRPC();
  const query = useQuery(trpc.admin.cacheDeployment.queryOptions());
  usePoll([trpc.admin.cacheDeployment.queryKey()]);
  const deployment = query.data;
  if (!deployment) {
    return (
      <p className={query.error ? "error" : "muted"} role="alert">
        {query.error ? messageOf(query.error) : "Loading…"}
      </p>
    );
  }
  return (
    <>
      <CacheAlerts deployment={deployment} />
      <CacheInstances deployment={deployment} />
      <CacheCharts series={deployment.series} />
    </>
  );
}
