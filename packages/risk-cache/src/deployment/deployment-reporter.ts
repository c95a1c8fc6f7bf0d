import type { CacheStatsSnapshot, LatencySummary } from "../stats.ts";
import type { InstanceView } from "./deployment-series.ts";
import {
  figuresOf,
  type InstanceIdentity,
  type InstanceReport,
  type InstanceSample,
  MAX_SAMPLES,
  newIdentity,
  sampleOf,
} from "./instance-report.ts";
import type { RedisDeploymentStore } from "./redis-deployment-store.ts";

/** What the reporter reads of its cache at every report. */
export interface ReporterSource {
  stats(): CacheStatsSnapshot;
  /** Read latency of the reads since the previous report. */
  readLatencySinceLastReport(): LatencySummary;
  fallback(): boolean;
  /** Redis's used memory; null in memory mode or when Redis does not answer. */
  usedMemoryBytes(): Promise<number | null>;
}

/** The deployment as one instance sees it. */
export interface DeploymentView {
  /** This instance's id. */
  self: string;
  intervalMs: number;
  /** Oldest start first. */
  instances: InstanceView[];
  /** false when only this instance could be read (Redis away, or memory mode). */
  shared: boolean;
}

/**
 * Publishes this instance's figures every `intervalMs` (and at once when started) and keeps its
 * own last hour in memory; with a Redis store, publishes them there too, so every instance can
 * show the whole deployment. A report that fails (Redis away) is skipped: the next one goes.
 */
export class DeploymentReporter {
  readonly identity: InstanceIdentity = newIdentity();
  private readonly series: InstanceSample[] = [];
  private report: InstanceReport | null = null;
  private timer: NodeJS.Timeout | undefined;
  private publishing: Promise<void> = Promise.resolve();

  constructor(
    private readonly source: ReporterSource,
    readonly intervalMs: number,
    private readonly store: RedisDeploymentStore | null,
  ) {}

  /** Reports now, resolving once that report is published, and every interval after. */
  start(): Promise<void> {
    this.publishing = this.publish();
    this.timer = setInterval(() => {
      this.publishing = this.publish();
    }, this.intervalMs);
    // Reporting never keeps a process alive on its own.
    this.timer.unref();
    return this.publishing;
  }

  async stop() {
    clearInterval(this.timer);
    await this.publishing;
  }

  /** Takes a sample now and publishes it; what the timer does. */
  async publish(now = Date.now()): Promise<void> {
    const figures = figuresOf(this.source.stats());
    const latency = this.source.readLatencySinceLastReport();
    const sample = sampleOf(figures, latency, await this.source.usedMemoryBytes(), now);
    this.series.push(sample);
    if (this.series.length > MAX_SAMPLES) this.series.shift();
    const report = { ...this.identity, lastSeen: now, fallback: this.source.fallback(), figures };
    this.report = report;
    await this.store?.publish(report, sample).catch(() => undefined);
  }

  /** This instance with its own series, as it last reported (right now before its first). */
  own(now = Date.now()): InstanceView {
    const report = this.report ?? {
      ...this.identity,
      lastSeen: now,
      fallback: this.source.fallback(),
      figures: figuresOf(this.source.stats()),
    };
    return { ...report, series: [...this.series] };
  }

  /** This instance alone, from its own memory. */
  local(now = Date.now()): DeploymentView {
    return {
      self: this.identity.id,
      intervalMs: this.intervalMs,
      instances: [this.own(now)],
      shared: false,
    };
  }

  /** Every instance that reported lately; this one alone when the others cannot be read. */
  async deployment(now = Date.now()): Promise<DeploymentView> {
    const alone = { self: this.identity.id, intervalMs: this.intervalMs };
    if (!this.store) return this.local(now);
    try {
      const instances = await this.store.read(now);
      // Before its first report reaches Redis, this instance is still part of the deployment.
      if (!instances.some((instance) => instance.id === this.identity.id)) {
        instances.push(this.own(now));
      }
      instances.sort((a, b) => a.startedAt - b.startedAt);
      return { ...alone, instances, shared: true };
    } catch {
      return this.local(now);
    }
  }
}
