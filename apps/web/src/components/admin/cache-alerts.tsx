import { percent } from "~/lib/format.ts";
import type { RouterOutputs } from "~/trpc/types.ts";
import { instanceName } from "./cache-instances.tsx";
import { count } from "./cache-numbers.ts";

type Deployment = RouterOutputs["admin"]["cacheDeployment"];

const reads = (value: number) => `${count(value)} ${value === 1 ? "read" : "reads"}`;

function sentence(alert: Deployment["alerts"][number], deployment: Deployment): string {
  const instance = deployment.instances.find((i) => i.id === alert.instanceId);
  const where = instance ? instanceName(instance) : alert.instanceId;
  const minutes = Math.round(deployment.alertWindowMs / 60_000);
  const { minHitRate, minReads, maxFallbackReads } = deployment.thresholds;
  if (alert.condition === "hit_rate_low") {
    return (
      `Hit rate ${percent(alert.value)} on ${where} over the last ${minutes} minutes ` +
      `(${reads(alert.reads)}), below the ${percent(minHitRate)} threshold ` +
      `(judged from ${reads(minReads)} in ${minutes} minutes).`
    );
  }
  const were = alert.value === 1 ? "was" : "were";
  return (
    `${reads(alert.value)} on ${where} ${were} served from memory in the last ${minutes} ` +
    `minutes: Redis is unreachable from it (threshold: ${count(maxFallbackReads)}).`
  );
}

/**
 * What an operator must look at now: an instance whose hit rate fell below the threshold (over
 * enough reads to tell), or one reading from its memory fallback. The same conditions are
 * exported as rd_cache_alert.
 */
export function CacheAlerts({ deployment }: { deployment: Deployment }) {
  if (deployment.alerts.length === 0) return null;
  return (
    <div className="banner" role="alert" data-testid="cache-alerts">
      <strong>Cache alert</strong>
      <ul>
        {deployment.alerts.map((alert) => (
          <li key={`${alert.condition}:${alert.instanceId}`}>{sentence(alert, deployment)}</li>
        ))}
      </ul>
    </div>
  );
}
