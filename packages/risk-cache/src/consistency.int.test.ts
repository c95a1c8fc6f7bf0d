import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseRedisConfig } from "./config.ts";
import type { CacheSubject } from "./keys.ts";
import { RiskCache } from "./risk-cache.ts";
import { BACKENDS } from "./testing/backends.ts";
import { closeCaches } from "./testing/close-caches.ts";
import { TEST_KINDS } from "./testing/kinds.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

let caches: RiskCache[] = [];
afterEach(async () => {
  await closeCaches(caches);
  caches = [];
});

describe.each(BACKENDS)(
  "consistency under concurrent writers and readers on two instances over $name",
  ({ start }) => {
    let backend: { url: string; stop(): Promise<unknown> };
    beforeAll(async () => {
      backend = await start();
    });
    afterAll(() => backend.stop());

    it("never returns, to a read that starts after an invalidation completed, a value older than it", async () => {
      const prefix = `consistency-${crypto.randomUUID().slice(0, 8)}`;
      const redis = parseRedisConfig(backend.url);
      // Two instances with their own connections, as two app servers would have.
      // Generous timeouts: a loaded machine must not turn this into a test of the fallback or of
      // a missed acknowledgement.
      const options = {
        kinds: TEST_KINDS,
        redis,
        prefix,
        commandTimeoutMs: 2_000,
        ackTimeoutMs: 30_000,
      };
      caches = [await RiskCache.create(options), await RiskCache.create(options)];
      const subject: CacheSubject = { tenantId: "firm", userId: "trader" };

      // The "database": a version writers bump before invalidating, as a write path does.
      let committed = 0;
      /** The newest version whose invalidation has returned: no later read may see less. */
      let acknowledged = 0;
      const violations: string[] = [];
      let reads = 0;

      const writer = async () => {
        for (let i = 0; i < 25; i++) {
          const version = ++committed;
          const cache = pick(caches);
          const scope = pick(["entry", "user", "tenant"] as const);
          if (scope === "entry") await cache.invalidate("metrics", subject);
          if (scope === "user") await cache.invalidateUser(subject);
          if (scope === "tenant") await cache.invalidateTenant(subject.tenantId);
          acknowledged = Math.max(acknowledged, version);
          await sleep(Math.random() * 15);
        }
      };
      const reader = async () => {
        for (let i = 0; i < 60; i++) {
          const floor = acknowledged;
          const { value, freshness } = await pick(caches).getOrCompute(
            "metrics",
            subject,
            async () => {
              const version = committed;
              await sleep(Math.random() * 8);
              return { version };
            },
          );
          reads++;
          if (value.version < floor) {
            violations.push(
              `read ${value.version} (${freshness.source}) after ${floor} was acknowledged`,
            );
          }
          await sleep(Math.random() * 4);
        }
      };

      await Promise.all([writer(), writer(), writer(), ...Array.from({ length: 8 }, reader)]);
      expect(reads).toBe(480);
      expect(violations).toEqual([]);
      const stats = await Promise.all(caches.map((cache) => cache.snapshot()));
      expect(stats.reduce((sum, s) => sum + s.invalidationAckTimeouts, 0)).toBe(0);
    });
  },
);
