import type { KindPolicy } from "../options.ts";

/**
 * The kinds of value the package's own tests and benchmarks cache, with policies of the kind a
 * product gives: the cache itself knows no kinds but those it is created with.
 */
export const TEST_KINDS = {
  metrics: { ttlSeconds: 30 },
  profile: { ttlSeconds: 3_600 },
  limits: { ttlSeconds: 1_800 },
  alerts: { ttlSeconds: 30 },
  report: { ttlSeconds: 60 },
} as const satisfies Record<string, KindPolicy>;

export type TestKind = keyof typeof TEST_KINDS;
