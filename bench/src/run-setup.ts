/** Shared steps of the realism and fault runs: signing everyone in, and reading what happened. */
import { newPoller, type PhaseStats, type Poller } from "./dashboard-load.ts";
import { counter, signIn } from "./http-client.ts";
import type { BenchAdmin, BenchTrader } from "./trader-copies.ts";

/** Signs each trader in on one instance in turn (a few at a time: sign-in hashes a password). */
export async function signInTraders(traders: BenchTrader[], urls: string[]): Promise<Poller[]> {
  const pollers: Poller[] = [];
  for (let i = 0; i < traders.length; i += 5) {
    const batch = traders.slice(i, i + 5).map(async (trader, j) => {
      const url = urls[(i + j) % urls.length] as string;
      return newPoller(trader, await signIn(url, trader.email), url);
    });
    pollers.push(...(await Promise.all(batch)));
  }
  return pollers;
}

export async function signInAdmins(
  admins: BenchAdmin[],
  url: string,
): Promise<Map<string, string>> {
  const cookies = new Map<string, string>();
  for (const admin of admins) cookies.set(admin.tenantId, await signIn(url, admin.email));
  return cookies;
}

/** Metrics cache hits and misses summed over the instances' /api/metrics. */
export async function metricsCacheCounts(
  urls: string[],
): Promise<{ hits: number; misses: number }> {
  let hits = 0;
  let misses = 0;
  for (const url of urls) {
    hits += await counter(url, "rd_cache_hits_total", 'kind="metrics"');
    misses += await counter(url, "rd_cache_misses_total", 'kind="metrics"');
  }
  return { hits, misses };
}

const entries = (map: Map<string, number>) =>
  [...map].map(([key, count]) => `${key.trim()}: ${count}`).join("; ") || "–";

/** One row of a phase table, as printed and copied into bench/RESULTS.md. */
export function phaseRow(name: string, stats: PhaseStats, names: Map<string, string> = new Map()) {
  return {
    phase: name,
    requests: stats.requests,
    failures: stats.failures,
    "failures by instance": entries(
      new Map([...stats.failuresByUrl].map(([url, n]) => [names.get(url) ?? url, n])),
    ),
    "p50 ms": stats.ms(50),
    "p95 ms": stats.ms(95),
    "p99 ms": stats.ms(99),
    "served from": entries(stats.sources),
    "stale reads": `${stats.stale} of ${stats.checked}`,
  };
}

export function printReasons(name: string, reasons: Map<string, number>) {
  if (reasons.size > 0) console.info(`  ${name}: ${entries(reasons)}`);
}
