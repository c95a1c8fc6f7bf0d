import { hostname } from "node:os";
import type { CacheStatsSnapshot, LatencySummary } from "../stats.ts";

/** Who an instance is: enough for an operator to find its process. */
export interface InstanceIdentity {
  /** `<host>-<pid>-<random>`: a restarted process is a new instance with counters from zero. */
  id: string;
  host: string;
  pid: number;
  /** ms since the epoch. */
  startedAt: number;
}

/** One instance's cache figures since it started: what its stats count, summed over kinds. */
export interface InstanceFigures {
  reads: number;
  /** Fresh hits and stale serves: reads answered without computing. */
  hits: number;
  misses: number;
  errors: number;
  computations: number;
  fallbackReads: number;
  invalidations: number;
  hitRate: number;
  readLatency: LatencySummary;
}

/** What an instance publishes about itself at every report. */
export interface InstanceReport extends InstanceIdentity {
  /** ms since the epoch of its latest report. */
  lastSeen: number;
  /** true while its breaker is open and it serves from memory. */
  fallback: boolean;
  figures: InstanceFigures;
}

/**
 * One point of an instance's series: its counters since it started (the change between two
 * points is what happened in between), the latency percentiles of the reads since the previous
 * point (null when there were none) and Redis's memory at the moment.
 */
export interface InstanceSample {
  at: number;
  reads: number;
  hits: number;
  fallbackReads: number;
  readP50Ms: number | null;
  readP99Ms: number | null;
  /** Redis's used memory as this instance measured it; null in memory mode or while away. */
  usedMemoryBytes: number | null;
}

/** A stored series never holds more than an hour of 10-second reports. */
export const MAX_SAMPLES = 360;

export function newIdentity(now = Date.now()): InstanceIdentity {
  const host = hostname();
  const random = Math.random().toString(16).slice(2, 8);
  // Ids are part of Redis keys: the same characters as the cache's other ids.
  const id = `${host.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 40)}-${process.pid}-${random}`;
  return { id, host, pid: process.pid, startedAt: now };
}

export function figuresOf(stats: CacheStatsSnapshot): InstanceFigures {
  let hits = 0;
  let misses = 0;
  let errors = 0;
  let computations = 0;
  for (const counters of Object.values(stats.kinds)) {
    hits += counters.hits + counters.staleServes;
    misses += counters.misses;
    errors += counters.errors;
    computations += counters.computations;
  }
  return {
    reads: hits + misses,
    hits,
    misses,
    errors,
    computations,
    fallbackReads: stats.fallbackReads,
    invalidations: stats.invalidations,
    hitRate: stats.hitRate,
    readLatency: stats.readLatency,
  };
}

export function sampleOf(
  figures: InstanceFigures,
  latency: LatencySummary,
  usedMemoryBytes: number | null,
  at: number,
): InstanceSample {
  const measured = latency.count > 0;
  return {
    at,
    reads: figures.reads,
    hits: figures.hits,
    fallbackReads: figures.fallbackReads,
    readP50Ms: measured ? latency.p50Ms : null,
    readP99Ms: measured ? latency.p99Ms : null,
    usedMemoryBytes,
  };
}

/**
 * The deployment's figures: counts add up; percentiles cannot be added, so the sum carries the
 * slowest instance's (an upper bound of the deployment's).
 */
export function sumFigures(all: readonly InstanceFigures[]): InstanceFigures {
  const add = (pick: (figures: InstanceFigures) => number) =>
    all.reduce((sum, figures) => sum + pick(figures), 0);
  const worst = (pick: (latency: LatencySummary) => number) =>
    Math.max(0, ...all.map((figures) => pick(figures.readLatency)));
  const reads = add((f) => f.reads);
  const hits = add((f) => f.hits);
  return {
    reads,
    hits,
    misses: add((f) => f.misses),
    errors: add((f) => f.errors),
    computations: add((f) => f.computations),
    fallbackReads: add((f) => f.fallbackReads),
    invalidations: add((f) => f.invalidations),
    hitRate: reads === 0 ? 0 : hits / reads,
    readLatency: {
      count: add((f) => f.readLatency.count),
      p50Ms: worst((l) => l.p50Ms),
      p95Ms: worst((l) => l.p95Ms),
      p99Ms: worst((l) => l.p99Ms),
    },
  };
}
