import { randomUUID } from "node:crypto";
import { DEMO_PASSWORD, seedDemoData } from "@repo/db/demo";
import { createTestDatabase, type TestDatabase } from "@repo/db/testing";
import {
  connectRedis,
  type KindPolicy,
  parseRedisConfig,
  type RedisClient,
  type RedisConfig,
  RiskCache,
  type RiskCacheOptions,
} from "@repo/risk-cache";
import {
  API_CACHE_KINDS,
  API_CACHE_POLICY,
  type ApiCache,
  type ApiCacheKind,
} from "../cache-policy.ts";
import { systemClock } from "../clock.ts";
import { createInnerContext } from "../context.ts";
import type { ApiDeps } from "../deps.ts";
import type { RequestLimits } from "../http/limits.ts";
import { createRequestLimiter } from "../http/request-limiter.ts";
import { createApiMetrics } from "../observability/api-metrics.ts";
import { createCaller } from "../root.ts";
import { LiveSessions } from "../services/auth/live-sessions.ts";
import { createLoginLimiter } from "../services/auth/login-limiter.ts";
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from "../services/auth/login-limits.ts";
import { findViewer } from "../services/auth/sessions.ts";

/**
 * The shared Redis of the integration tests (see the README); each fixture uses its own prefix.
 * A comma-separated list is a Redis Cluster (CI runs the suite once more on one).
 */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
/** "redis" or "cluster": what the cache reports about the Redis it runs on. */
export const TEST_REDIS_MODE = parseRedisConfig(TEST_REDIS_URL).mode;

/**
 * The tests call the API from one address, thousands of times a minute (the fuzz): limits no
 * test reaches, yet counted in Redis like the server's; the tests of the limits set their own.
 */
/**
 * How long the limiters wait for Redis in tests. The server's deadlines (tens to hundreds of
 * milliseconds) are missed on a loaded 2-core machine, and the counts then move to one process's
 * memory: a test of what is counted must not turn into a test of that fallback. Tests of the
 * fallback itself set short deadlines of their own.
 */
export const TEST_REDIS_DEADLINE_MS = 10_000;

export const TEST_REQUEST_LIMITS: RequestLimits = {
  signedInPerMinute: 1_000_000,
  anonymousPerMinute: 1_000_000,
};

export interface ApiFixture {
  database: TestDatabase;
  deps: ApiDeps;
  /** A caller signed in as the demo user with this email, through a real session. */
  callerAs(email: string): Promise<ReturnType<typeof createCaller>>;
  anonymous(): ReturnType<typeof createCaller>;
  /** A second cache on the same Redis and prefix: another server instance. */
  otherInstance(): Promise<ApiCache>;
  close(): Promise<void>;
}

/**
 * A migrated database seeded with the demo firms, a RiskCache on the shared Redis under a
 * prefix of its own, and the API's dependencies built the way the server builds them.
 */
export async function createApiFixture(
  options: {
    redis?: boolean;
    /** Other policies for some kinds: shorter TTLs, for tests that wait for a value to expire. */
    kinds?: Partial<Record<ApiCacheKind, KindPolicy>>;
    /**
     * The in-process tier; a long TTL makes "the copy is still in this server's memory" a fact
     * rather than a race, for tests of what drops it.
     */
    memory?: RiskCacheOptions["memory"];
    /** A Redis of the test's own (one it stops or pauses) instead of the shared one. */
    redisUrl?: string;
    /** Shorter timeouts, for tests that take Redis away. */
    timeouts?: Pick<RiskCacheOptions, "commandTimeoutMs" | "ackTimeoutMs">;
    /** Other sign-in limits, such as a short Redis deadline for tests that pause Redis. */
    loginLimits?: Partial<LoginLimits>;
    /**
     * How long both limiters wait for Redis (TEST_REDIS_DEADLINE_MS by default); a test that
     * takes Redis away while it sends requests gives the server's short deadline.
     */
    limiterDeadlineMs?: number;
    /** Per-client request limits, for the tests of those limits (see TEST_REQUEST_LIMITS). */
    requestLimits?: Partial<RequestLimits>;
    /** Each instance reports its cache figures for the deployment's view (off by default). */
    reportIntervalMs?: number;
  } = {},
): Promise<ApiFixture> {
  const limiterDeadlineMs = options.limiterDeadlineMs ?? TEST_REDIS_DEADLINE_MS;
  const database = await createTestDatabase();
  await seedDemoData(database.db);
  const prefix = `test-${randomUUID().slice(0, 8)}`;
  const redis =
    options.redis === false
      ? parseRedisConfig(undefined)
      : parseRedisConfig(options.redisUrl ?? TEST_REDIS_URL);
  const makeCache = () =>
    RiskCache.create({
      ...API_CACHE_POLICY,
      ...options.timeouts,
      kinds: { ...API_CACHE_KINDS, ...options.kinds },
      redis,
      prefix,
      memory: options.memory,
      reportIntervalMs: options.reportIntervalMs,
    });
  const cache = await makeCache();
  const caches = [cache];
  // Failed sign-ins are counted in Redis, as on the server, so the suite covers the limiter
  // on whatever TEST_REDIS_URL is (a cluster included).
  const limiterClient = redis.mode === "memory" ? null : await connectWhenReady(redis);
  const deps: ApiDeps = {
    db: database.db,
    cache,
    clock: systemClock,
    loginLimiter: createLoginLimiter(
      limiterClient,
      { ...DEFAULT_LOGIN_LIMITS, redisTimeoutMs: limiterDeadlineMs, ...options.loginLimits },
      `${prefix}:login`,
    ),
    requestLimiter: createRequestLimiter(
      limiterClient,
      { ...TEST_REQUEST_LIMITS, ...options.requestLimits },
      `${prefix}:requests`,
      limiterDeadlineMs,
    ),
    sessions: { ttlMs: 60 * 60 * 1000, secureCookie: false, live: new LiveSessions(cache) },
    metrics: createApiMetrics(),
  };
  return {
    database,
    deps,
    async callerAs(email) {
      let token = "";
      await createCaller(
        createInnerContext({
          deps,
          session: {
            set: (value) => {
              token = value;
            },
            clear() {},
          },
        }),
      ).auth.login({ email, password: DEMO_PASSWORD });
      const viewer = await findViewer(deps.db, token, deps.clock());
      return createCaller(createInnerContext({ deps, viewer }));
    },
    anonymous: () => createCaller(createInnerContext({ deps })),
    async otherInstance() {
      const other = await makeCache();
      caches.push(other);
      return other;
    },
    async close() {
      await cache.clearNamespace().catch(() => {});
      await Promise.all(caches.map((c) => c.close()));
      await limiterClient?.quit();
      await database.drop();
    },
  };
}

/**
 * A Redis (or Cluster) client as the server makes one, once connected: it fails fast rather
 * than queueing, so a command sent before it is ready would go to the in-memory stand-in and
 * split a test's failure count between two limiters.
 */
export async function connectWhenReady(
  config: Exclude<RedisConfig, { mode: "memory" }>,
): Promise<RedisClient> {
  const client = connectRedis(config);
  await new Promise((ready) => client.once("ready", ready));
  return client;
}
