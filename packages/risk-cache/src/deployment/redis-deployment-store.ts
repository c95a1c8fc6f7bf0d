import type { RedisClient } from "../connection.ts";
import type { InstanceView } from "./deployment-series.ts";
import { type InstanceReport, type InstanceSample, MAX_SAMPLES } from "./instance-report.ts";

/** An hour of samples plus one interval: a series outlives its instance by no more. */
const SERIES_TTL_MS = 3_600_000;

/**
 * The deployment's instances in Redis, under the cache's namespace. Every key carries the hash
 * tag `{instances}`, so on a cluster they share one slot and each call below is one command or
 * one pipeline to one node:
 * - `<ns>:instances:{instances}`: a sorted set of instance ids scored by when each last reported
 *   (the registry: no key scan to find them);
 * - `<ns>:instance:<id>:{instances}`: its latest report, expiring after `staleAfterMs`, so an
 *   instance that stopped reporting drops out;
 * - `<ns>:series:<id>:{instances}`: its last MAX_SAMPLES samples, a capped list.
 */
export class RedisDeploymentStore {
  constructor(
    private readonly client: RedisClient,
    private readonly namespace: string,
    /** An instance silent for longer is gone. */
    private readonly staleAfterMs: number,
    /** A call Redis has not answered by then fails (the client queues nothing while away). */
    private readonly timeoutMs: number,
  ) {}

  private async within<T>(call: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error("Redis did not answer in time")), this.timeoutMs);
    });
    try {
      return await Promise.race([call, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private registryKey() {
    return `${this.namespace}:instances:{instances}`;
  }

  private reportKey(id: string) {
    return `${this.namespace}:instance:${id}:{instances}`;
  }

  private seriesKey(id: string) {
    return `${this.namespace}:series:${id}:{instances}`;
  }

  async publish(report: InstanceReport, sample: InstanceSample): Promise<void> {
    const series = this.seriesKey(report.id);
    const pipeline = this.client
      .pipeline()
      .set(this.reportKey(report.id), JSON.stringify(report), "PX", this.staleAfterMs)
      .rpush(series, JSON.stringify(sample))
      .ltrim(series, -MAX_SAMPLES, -1)
      .pexpire(series, SERIES_TTL_MS + this.staleAfterMs)
      .zadd(this.registryKey(), report.lastSeen, report.id)
      .zremrangebyscore(this.registryKey(), "-inf", `(${report.lastSeen - this.staleAfterMs}`);
    const results = await this.within(pipeline.exec());
    for (const [error] of results ?? []) if (error) throw error;
  }

  /** The instances that reported within `staleAfterMs` of `now`, with their series. */
  async read(now: number): Promise<InstanceView[]> {
    const ids = await this.within(
      this.client.zrangebyscore(this.registryKey(), now - this.staleAfterMs, "+inf"),
    );
    if (ids.length === 0) return [];
    const pipeline = this.client.pipeline();
    for (const id of ids) pipeline.get(this.reportKey(id)).lrange(this.seriesKey(id), 0, -1);
    const results = (await this.within(pipeline.exec())) ?? [];
    const views: InstanceView[] = [];
    for (let i = 0; i < ids.length; i++) {
      const [reportError, report] = results[2 * i] ?? [];
      const [seriesError, series] = results[2 * i + 1] ?? [];
      if (reportError) throw reportError;
      if (seriesError) throw seriesError;
      // The registry may name an instance whose report just expired: it is gone.
      if (typeof report !== "string") continue;
      views.push({
        ...(JSON.parse(report) as InstanceReport),
        series: (series as string[]).map((sample) => JSON.parse(sample) as InstanceSample),
      });
    }
    return views;
  }
}
