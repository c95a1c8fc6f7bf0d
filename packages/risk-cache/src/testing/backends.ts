import { startRedisCluster } from "./redis-processes.ts";

/** The shared test Redis, from TEST_REDIS_URL. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** The backends every consistency test runs on: the shared Redis and a cluster of our own. */
export const BACKENDS = [
  { name: "Redis", start: async () => ({ url: TEST_REDIS_URL, stop: async () => undefined }) },
  { name: "a 3-master Redis Cluster", start: () => startRedisCluster({ masters: 3 }) },
];
