import { readFileSync } from "node:fs";
import type { DeploymentView, InstanceSample } from "@repo/risk-cache";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CACHE_ALERT_CONDITIONS, CACHE_ALERT_WINDOW_MS } from "../services/cache/cache-alerts.ts";
import { type ApiFixture, createApiFixture } from "../testing/api-fixture.ts";
import { createApiMetrics } from "./api-metrics.ts";

const RULES = new URL("../../../../docker/prometheus/risk-dashboard.rules.yml", import.meta.url);

/** Every `expr:` of the rules file, a folded block (`>-`) joined into one line. */
function expressions(yaml: string): string[] {
  const lines = yaml.split("\n");
  const found: string[] = [];
  for (const [index, line] of lines.entries()) {
    const match = /^(\s*)expr:\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, indent = "", value = ""] = match;
    if (!/^[>|]-?$/.test(value)) {
      found.push(value);
      continue;
    }
    const block: string[] = [];
    for (const next of lines.slice(index + 1)) {
      if (next.trim() !== "" && next.search(/\S/) <= indent.length) break;
      block.push(next.trim());
    }
    found.push(block.join(" "));
  }
  return found;
}

/** The metric names a Prometheus text exposition declares (with a histogram's series). */
function exported(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name as string);
    if (type === "histogram")
      for (const part of ["_bucket", "_sum", "_count"]) names.add(name + part);
  }
  return names;
}

let fixture: ApiFixture;
beforeAll(async () => {
  fixture = await createApiFixture();
});
afterAll(() => fixture.close());

describe("the example Prometheus rules", () => {
  const rules = expressions(readFileSync(RULES, "utf8"));

  it("name only metrics, conditions and the window the app exports", async () => {
    expect(rules.length).toBeGreaterThanOrEqual(2);
    const text = await createApiMetrics({ cache: fixture.deps.cache }).registry.metrics();
    const names = exported(text);
    for (const expr of rules) {
      const metrics = [...expr.matchAll(/\b(rd_[a-z0-9_]+)\b/g)].map((m) => m[1]);
      expect(metrics.length, expr).toBeGreaterThan(0);
      for (const metric of metrics) expect(names, `${metric} in ${expr}`).toContain(metric);
      for (const [, condition] of expr.matchAll(/condition="([^"]*)"/g)) {
        expect(CACHE_ALERT_CONDITIONS).toContain(condition);
      }
      for (const [, minutes] of expr.matchAll(/\[(\d+)m\]/g)) {
        expect(Number(minutes) * 60_000).toBe(CACHE_ALERT_WINDOW_MS);
      }
    }
  });
});

describe("rd_cache_alert", () => {
  it("raises what the cache page raises for this instance, at the configured thresholds", async () => {
    const now = Date.now();
    const sample = (at: number, reads: number, hits: number, fallbackReads: number) =>
      ({
        at,
        reads,
        hits,
        fallbackReads,
        readP50Ms: 0,
        readP99Ms: 0,
        usedMemoryBytes: null,
      }) as InstanceSample;
    const [figures] = (await fixture.deps.cache.deployment()).instances.map((i) => i.figures);
    const view: DeploymentView = {
      self: "a",
      intervalMs: 10_000,
      shared: false,
      instances: [
        {
          id: "a",
          host: "h",
          pid: 1,
          startedAt: now - 10_000,
          lastSeen: now,
          fallback: false,
          figures: figures as NonNullable<typeof figures>,
          // Since the start: 10 reads, 6 hits, 2 fallback reads.
          series: [sample(now - 10_000, 0, 0, 0), sample(now, 10, 6, 2)],
        },
      ],
    };
    const cache = { snapshot: () => fixture.deps.cache.snapshot(), thisInstance: () => view };
    const scrape = async (minHitRate: number, minReads: number, maxFallbackReads: number) => {
      const cacheAlerts = { minHitRate, minReads, maxFallbackReads };
      return createApiMetrics({ cache, cacheAlerts }).registry.metrics();
    };
    const raised = await scrape(0.7, 10, 1);
    expect(raised).toMatch(/^rd_cache_alert\{condition="hit_rate_low"\} 1$/m);
    expect(raised).toMatch(/^rd_cache_alert\{condition="fallback_reads"\} 1$/m);
    expect(raised).toMatch(/^rd_cache_alert_threshold\{condition="hit_rate_low"\} 0.7$/m);
    expect(raised).toMatch(/^rd_cache_alert_min_reads 10$/m);
    const calm = await scrape(0.5, 10, 2);
    expect(calm).toMatch(/^rd_cache_alert\{condition="hit_rate_low"\} 0$/m);
    expect(calm).toMatch(/^rd_cache_alert\{condition="fallback_reads"\} 0$/m);
    // 10 reads are below a floor of 11: the hit rate is not judged, the fallback reads still are.
    const cold = await scrape(0.7, 11, 1);
    expect(cold).toMatch(/^rd_cache_alert\{condition="hit_rate_low"\} 0$/m);
    expect(cold).toMatch(/^rd_cache_alert\{condition="fallback_reads"\} 1$/m);
    expect(cold).toMatch(/^rd_cache_alert_min_reads 11$/m);
  });
});
