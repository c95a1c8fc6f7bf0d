/**
 * The load both realism and fault runs put on the app: traders polling their dashboard the way
 * the browser does (risk.metrics and risk.alerts.list in one batched GET every 5 s), each read's
 * latency, outcome and freshness source recorded under the phase of the run it started in, and
 * each answer checked against the writes the harness made to that book.
 */
import * as hdr from "hdr-histogram-js";
import { BookExpectations, type MetricsRead } from "./book-expectations.ts";
import type { BenchTrader } from "./trader-copies.ts";

export interface Poller extends BenchTrader {
  cookie: string;
  /** Where this trader's browser sends its polls; the run may move it. */
  url: string;
  expectations: BookExpectations;
}

export class PhaseStats {
  requests = 0;
  failures = 0;
  readonly failuresByUrl = new Map<string, number>();
  /** The first few failure reasons, to say what failed. */
  readonly reasons = new Map<string, number>();
  readonly sources = new Map<string, number>();
  readonly sourcesByUrl = new Map<string, Map<string, number>>();
  checked = 0;
  stale = 0;
  readonly histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000 });

  fail(url: string, reason: string) {
    this.failures++;
    this.failuresByUrl.set(url, (this.failuresByUrl.get(url) ?? 0) + 1);
    this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
  }

  served(url: string, source: string) {
    this.sources.set(source, (this.sources.get(source) ?? 0) + 1);
    const byUrl = this.sourcesByUrl.get(url) ?? new Map<string, number>();
    byUrl.set(source, (byUrl.get(source) ?? 0) + 1);
    this.sourcesByUrl.set(url, byUrl);
  }

  ms(percentile: number): number {
    return this.histogram.getValueAtPercentile(percentile) / 1_000;
  }
}

/** Phases are named by the run; each request counts in the phase current when it was sent. */
export class Recorder {
  readonly phases = new Map<string, PhaseStats>();
  private current = "";
  constructor(first: string) {
    this.phase(first);
  }
  phase(name: string): void {
    this.current = name;
    if (!this.phases.has(name)) this.phases.set(name, new PhaseStats());
  }
  get name(): string {
    return this.current;
  }
  get stats(): PhaseStats {
    return this.phases.get(this.current) as PhaseStats;
  }
}

const POLL_INPUT = encodeURIComponent(JSON.stringify({ 0: { json: {} }, 1: { json: {} } }));
export const POLL_PATH = `/api/trpc/risk.metrics,risk.alerts.list?batch=1&input=${POLL_INPUT}`;

type BatchItem = {
  result?: { data: { json: MetricsRead & { freshness: { source: string } } } };
  error?: { json: { message: string; data?: { code?: string } } };
};

async function pollOnce(poller: Poller, recorder: Recorder, timeoutMs: number): Promise<void> {
  const stats = recorder.stats;
  const url = poller.url;
  const from = poller.expectations.readStarted();
  const started = performance.now();
  stats.requests++;
  try {
    const response = await fetch(`${url}${POLL_PATH}`, {
      headers: { cookie: poller.cookie },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const to = poller.expectations.readAnswered();
    const body = (await response.json()) as BatchItem[] | BatchItem;
    stats.histogram.recordValue(Math.max(1, Math.round((performance.now() - started) * 1_000)));
    const items = Array.isArray(body) ? body : [body];
    const failed = items.find((item) => !item.result);
    if (!response.ok || failed) {
      const error = failed?.error?.json;
      stats.fail(url, `${response.status} ${error?.data?.code ?? ""} ${error?.message ?? ""}`);
      return;
    }
    const view = (items[0] as BatchItem).result?.data.json as MetricsRead & {
      freshness: { source: string };
    };
    stats.served(url, view.freshness.source);
    stats.checked++;
    if (poller.expectations.isStale(view, from, to)) stats.stale++;
  } catch (error) {
    stats.histogram.recordValue(Math.max(1, Math.round((performance.now() - started) * 1_000)));
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    stats.fail(url, `transport ${cause ?? (error as Error).name}`);
  }
}

/**
 * Every poller reads every `intervalMs` from a random offset, as browsers opened at different
 * moments would; like React Query's refetchInterval, the next poll is timed from the last one's
 * start, and a slow answer delays it rather than overlapping it.
 */
export function startPolling(
  pollers: Poller[],
  recorder: Recorder,
  options: { intervalMs: number; timeoutMs?: number },
): { stop(): Promise<void> } {
  let running = true;
  const loops = pollers.map(async (poller) => {
    await new Promise((resolve) => setTimeout(resolve, Math.random() * options.intervalMs));
    while (running) {
      const started = Date.now();
      await pollOnce(poller, recorder, options.timeoutMs ?? 10_000);
      const wait = options.intervalMs - (Date.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

export function newPoller(trader: BenchTrader, cookie: string, url: string): Poller {
  return { ...trader, cookie, url, expectations: new BookExpectations() };
}
