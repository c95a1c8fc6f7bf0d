/**
 * The load both realism and fault runs put on the app: traders polling their dashboard the way
 * the browser does (risk.dashboard in one GET every 5 s, conditional on the last answer's ETag
 * when there was one), each read's latency, outcome, body size and freshness source recorded
 * under the phase of the run it started in, and each answer checked against the writes the
 * harness made to that book.
 */
import * as hdr from "hdr-histogram-js";
import { BookExpectations, type MetricsRead } from "./book-expectations.ts";
import type { PriceTicks } from "./price-ticks.ts";
import type { BenchTrader } from "./trader-copies.ts";

type PollView = MetricsRead & { freshness: { source: string }; tick: number };

export interface Poller extends BenchTrader {
  cookie: string;
  /** Where this trader's browser sends its polls; the run may move it. */
  url: string;
  expectations: BookExpectations;
  /** The last answer that carried an ETag: what the browser shows when told 304. */
  lastAnswer?: { etag: string; view: PollView };
}

export class PhaseStats {
  requests = 0;
  /** Polls answered in full: a 200 with both results, or a 304 (the last answer still holds). */
  answered = 0;
  /** Body bytes of the answered polls, as decoded (a 304 has none). */
  bodyBytes = 0;
  failures = 0;
  readonly failuresByUrl = new Map<string, number>();
  /** The first few failure reasons, to say what failed. */
  readonly reasons = new Map<string, number>();
  readonly sources = new Map<string, number>();
  readonly sourcesByUrl = new Map<string, Map<string, number>>();
  checked = 0;
  stale = 0;
  /** Answers valued more than one price tick behind the feed's tick when the poll was sent. */
  behind = 0;
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

  /** The phases as one, for a row of the whole run. */
  static combined(phases: PhaseStats[]): PhaseStats {
    const all = new PhaseStats();
    for (const phase of phases) {
      all.requests += phase.requests;
      all.answered += phase.answered;
      all.bodyBytes += phase.bodyBytes;
      all.failures += phase.failures;
      all.checked += phase.checked;
      all.stale += phase.stale;
      all.behind += phase.behind;
      addCounts(all.failuresByUrl, phase.failuresByUrl);
      addCounts(all.reasons, phase.reasons);
      addCounts(all.sources, phase.sources);
      for (const [url, sources] of phase.sourcesByUrl) {
        const into = all.sourcesByUrl.get(url) ?? new Map<string, number>();
        addCounts(into, sources);
        all.sourcesByUrl.set(url, into);
      }
      all.histogram.add(phase.histogram);
    }
    return all;
  }
}

function addCounts(into: Map<string, number>, from: Map<string, number>) {
  for (const [key, count] of from) into.set(key, (into.get(key) ?? 0) + count);
}

/** How one poll went: answered (200 or 304) or not, and how long it took. */
export interface PollOutcome {
  answered: boolean;
  ms: number;
}

/** Phases are named by the run; each request counts in the phase current when it was sent. */
export class Recorder {
  readonly phases = new Map<string, PhaseStats>();
  /** Each trader's first poll, whatever its phase: what someone opening the dashboard waits. */
  readonly firstPolls: PollOutcome[] = [];
  private current = "";
  /** The feed's ticks, when the run checks each answer's tick against them. */
  constructor(
    first: string,
    readonly ticks?: PriceTicks,
  ) {
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

const POLL_INPUT = encodeURIComponent(JSON.stringify({ 0: { json: {} } }));
/** The browser's poll: the dashboard's one query, in tRPC's batch form as its link sends it. */
export const POLL_PATH = `/api/trpc/risk.dashboard?batch=1&input=${POLL_INPUT}`;

type BatchItem = {
  result?: { data: { json: PollView } };
  error?: { json: { message: string; data?: { code?: string } } };
};

type Answer = { view: PollView; bytes: number; source: string } | { failure: string };

/** A 304 stands for the poller's last answer, as the browser then shows its cached copy. */
async function readAnswer(response: Response, poller: Poller): Promise<Answer> {
  if (response.status === 304 && poller.lastAnswer) {
    return { view: poller.lastAnswer.view, bytes: 0, source: "304" };
  }
  const body = await response.arrayBuffer();
  const parsed = JSON.parse(new TextDecoder().decode(body)) as BatchItem[] | BatchItem;
  const items = Array.isArray(parsed) ? parsed : [parsed];
  const failed = items.find((item) => !item.result);
  if (!response.ok || failed) {
    const error = failed?.error?.json;
    return { failure: `${response.status} ${error?.data?.code ?? ""} ${error?.message ?? ""}` };
  }
  const view = (items[0] as BatchItem).result?.data.json as PollView;
  const etag = response.headers.get("etag");
  poller.lastAnswer = etag ? { etag, view } : undefined;
  return { view, bytes: body.byteLength, source: view.freshness.source };
}

async function pollOnce(
  poller: Poller,
  recorder: Recorder,
  timeoutMs: number,
): Promise<PollOutcome> {
  const stats = recorder.stats;
  const url = poller.url;
  const from = poller.expectations.readStarted();
  const feedTick = recorder.ticks?.get(poller.tenantId);
  const started = performance.now();
  const took = () => {
    const ms = performance.now() - started;
    stats.histogram.recordValue(Math.max(1, Math.round(ms * 1_000)));
    return ms;
  };
  stats.requests++;
  try {
    const headers: Record<string, string> = { cookie: poller.cookie };
    if (poller.lastAnswer) headers["if-none-match"] = poller.lastAnswer.etag;
    const response = await fetch(`${url}${POLL_PATH}`, {
      headers,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const to = poller.expectations.readAnswered();
    const answer = await readAnswer(response, poller);
    const ms = took();
    if ("failure" in answer) {
      stats.fail(url, answer.failure);
      return { answered: false, ms };
    }
    stats.answered++;
    stats.bodyBytes += answer.bytes;
    stats.served(url, answer.source);
    stats.checked++;
    if (poller.expectations.isStale(answer.view, from, to)) stats.stale++;
    if (feedTick !== undefined && answer.view.tick < feedTick - 1) stats.behind++;
    return { answered: true, ms };
  } catch (error) {
    const ms = took();
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    stats.fail(url, `transport ${cause ?? (error as Error).name}`);
    return { answered: false, ms };
  }
}

/**
 * Every poller reads every `intervalMs` from a random offset, as browsers opened at different
 * moments would; like React Query's refetchInterval, the next poll is timed from the last one's
 * start, and a slow answer delays it rather than overlapping it. stop() sends nothing more and
 * resolves once the polls in flight are answered or time out (`timeoutMs`, 10 s by default).
 */
export function startPolling(
  pollers: Poller[],
  recorder: Recorder,
  options: { intervalMs: number; timeoutMs?: number },
): { stop(): Promise<void> } {
  let running = true;
  // Waits between polls, cut short by stop(): a loop then ends without another poll.
  const waking = new Set<() => void>();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        waking.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      waking.add(wake);
    });
  const loops = pollers.map(async (poller) => {
    await pause(Math.random() * options.intervalMs);
    for (let first = true; running; first = false) {
      const started = Date.now();
      const outcome = await pollOnce(poller, recorder, options.timeoutMs ?? 10_000);
      if (first) recorder.firstPolls.push(outcome);
      const wait = options.intervalMs - (Date.now() - started);
      if (wait > 0 && running) await pause(wait);
    }
  });
  return {
    stop: async () => {
      running = false;
      for (const wake of waking) wake();
      await Promise.all(loops);
    },
  };
}

export function newPoller(trader: BenchTrader, cookie: string, url: string): Poller {
  return { ...trader, cookie, url, expectations: new BookExpectations() };
}
