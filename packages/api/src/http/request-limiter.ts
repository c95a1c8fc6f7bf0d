import type { RedisClient } from "@repo/risk-cache";
import {
  type IRateLimiterOptions,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  RLWrapperTimeouts,
} from "rate-limiter-flexible";
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from "./limits.ts";

/**
 * How long a request waits for Redis's count. A healthy Redis answers in a millisecond or two; a
 * hung one must not hold the request, which is then counted in this instance's memory instead.
 */
export const REDIS_DEADLINE_MS = 50;

/** Who is counted: a signed-in user (all their tabs and sessions together), or an address. */
export type RequestClient = { userId: string } | { address: string };

export interface RequestLimiter {
  /** Counts `calls` for `client`: 0 when they may go ahead, else seconds until they may. */
  consume(client: RequestClient, calls: number): Promise<number>;
}

/**
 * Requests per client and minute with rate-limiter-flexible: in Redis when there is one, so every
 * instance shares the count, behind a deadline; an in-memory limiter counts whenever Redis fails
 * or misses the deadline (each instance then allows the limit on its own). A limit of 0 is off.
 */
export function createRequestLimiter(
  redis: RedisClient | null,
  limits: RequestLimits = DEFAULT_REQUEST_LIMITS,
  keyPrefix = "rd:requests",
  redisDeadlineMs = REDIS_DEADLINE_MS,
): RequestLimiter {
  const signedIn = perMinute(redis, `${keyPrefix}:user`, limits.signedInPerMinute, redisDeadlineMs);
  const anonymous = perMinute(
    redis,
    `${keyPrefix}:address`,
    limits.anonymousPerMinute,
    redisDeadlineMs,
  );

  return {
    consume(client, calls) {
      return "userId" in client
        ? consumeOrWait(signedIn, client.userId, calls)
        : consumeOrWait(anonymous, client.address, calls);
    },
  };
}

type PerMinute = RateLimiterMemory | RLWrapperTimeouts;

/**
 * `points` per key and minute, in Redis behind a deadline with this instance's memory standing
 * in, or in memory alone without Redis; null for 0 (off). The token API counts with it too.
 */
export function perMinute(
  redis: RedisClient | null,
  keyPrefix: string,
  points: number,
  redisDeadlineMs = REDIS_DEADLINE_MS,
): PerMinute | null {
  if (points === 0) return null;
  const options: IRateLimiterOptions = { keyPrefix, points, duration: 60 };
  const memory = new RateLimiterMemory(options);
  if (!redis) return memory;
  return new RLWrapperTimeouts({
    // A client that is not connected is skipped at once rather than queued.
    limiter: new RateLimiterRedis({
      ...options,
      storeClient: redis,
      rejectIfRedisNotReady: true,
    }),
    timeoutMs: redisDeadlineMs,
    insuranceLimiter: memory,
  });
}

/** Counts `points` for `key`: 0 when they may go ahead, else whole seconds until they may. */
export async function consumeOrWait(
  limiter: PerMinute | null,
  key: string,
  points: number,
): Promise<number> {
  if (!limiter) return 0;
  try {
    await limiter.consume(key, points);
    return 0;
  } catch (reason) {
    // consume() rejects with a RateLimiterRes once the minute's budget is spent.
    if (!(reason instanceof RateLimiterRes)) throw reason;
    return Math.max(1, Math.ceil(reason.msBeforeNext / 1000));
  }
}
