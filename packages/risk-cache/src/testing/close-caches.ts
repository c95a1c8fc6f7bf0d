import { expect } from "vitest";
import type { RiskCache } from "../risk-cache.ts";

/**
 * Clears the test namespace and closes every cache, after checking that none fell back to
 * memory: against a healthy Redis a fallback means a script or command failed, which the
 * fallback would otherwise hide from the test.
 */
export async function closeCaches(caches: readonly RiskCache[]) {
  const snapshots = await Promise.all(caches.map((cache) => cache.snapshot()));
  await caches[0]?.clearNamespace();
  await Promise.all(caches.map((cache) => cache.close()));
  for (const snapshot of snapshots) {
    expect(snapshot.fallbackReads, `fell back to memory: ${snapshot.lastRedisError}`).toBe(0);
  }
}
