/** Shared steps of the realism and fault runs: signing everyone in, and reading what happened. */
import { newPoller, type PhaseStats, type Poller } from "./dashboard-load.ts";
import { counter, signIn } from "./http-client.ts";
import type { BenchAdmin, BenchTrader } from "./trader-copies.ts";

/**
 * Sign-ins in flight at once. Each hashes a password (scrypt, CPU-bound) on a server sharing
 * two cores with the other server, PostgreSQL and the harness; more at once only queue there,
 * and every sign-in from this one address counts against its limit until it is answered.
 */
export const SIGN_IN_CONCURRENCY = 4;

/** Signs each trader in on one instance in turn, a few at a time. */
export async function signInTraders(traders: BenchTrader[], urls: string[]): Promise<Poller[]> {
  const pollers: Poller[] = new Array(traders.length);
  let next = 0;
  const signInInTurn = async () => {
    while (next < traders.length) {
      const i = next++;
      const trader = traders[i] as BenchTrader;
      const url = urls[i % urls.length] as string;
      pollers[i] = newPoller(trader, await signIn(url, trader.email), url);
    }
  };
  await Promise.all(Array.from({ length: SIGN_IN_CONCURRENCY }, signInInTurn));
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

/** The cache kinds a poll reads: the valuation and what it is made from. */
export const POLL_KINDS = ["metrics", "book", "alerts", "market", "window", "history"] as const;

export type CacheCounts = Record<(typeof POLL_KINDS)[number], { hits: number; misses: number }>;

/** Cache hits and misses of each kind a poll reads, summed over the instances' /api/metrics. */
export async function pollCacheCounts(urls: string[], timeoutMs?: number): Promise<CacheCounts> {
  const counts = {} as CacheCounts;
  for (const kind of POLL_KINDS) {
    let hits = 0;
    let misses = 0;
    for (const url of urls) {
      hits += await counter(url, "rd_cache_hits_total", `kind="${kind}"`, timeoutMs);
      misses += await counter(url, "rd_cache_misses_total", `kind="${kind}"`, timeoutMs);
    }
    counts[kind] = { hits, misses };
  }
  return counts;
}

const entries = (map: Map<string, number>) =>
  [...map].map(([key, count]) => `${key.trim()}: ${count}`).join("; ") || "–";

const percentile = (stats: PhaseStats, p: number) =>
  stats.histogram.totalCount > 0 ? stats.ms(p) : "–";

/** One row of a phase table, as printed and copied into bench/RESULTS.md. */
export function phaseRow(name: string, stats: PhaseStats, names: Map<string, string> = new Map()) {
  return {
    phase: name,
    requests: stats.requests,
    failures: stats.failures,
    "failures by instance": entries(
      new Map([...stats.failuresByUrl].map(([url, n]) => [names.get(url) ?? url, n])),
    ),
    "p50 ms": percentile(stats, 50),
    "p95 ms": percentile(stats, 95),
    "p99 ms": percentile(stats, 99),
    "served from": entries(stats.sources),
    "bytes/poll": stats.answered > 0 ? Math.round(stats.bodyBytes / stats.answered) : "–",
    "bytes total": stats.bodyBytes,
    "stale reads": `${stats.stale} of ${stats.checked}`,
    "> 1 tick behind": stats.behind,
  };
}

export function printReasons(name: string, reasons: Map<string, number>) {
  if (reasons.size > 0) console.info(`  ${name}: ${entries(reasons)}`);
}
