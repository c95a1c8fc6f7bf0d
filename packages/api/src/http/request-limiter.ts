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
  const limiter = (name: string, points: number) => {
    if (points === 0) return null;
    const options: IRateLimiterOptions = {
      keyPrefix: `${keyPrefix}:${name}`,
      points,
      duration: 60,
    };
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
  };
  const signedIn = limiter("user", limits.signedInPerMinute);
  const anonymous = limiter("address", limits.anonymousPerMinute);

  return {
    async consume(client, calls) {
      const [target, key] =
        "userId" in client ? [signedIn, client.userId] : [anonymous, client.address];
      if (!target) return 0;
      try {
        await target.consume(key, calls);
        return 0;
      } catch (reason) {
        // consume() rejects with a RateLimiterRes once the minute's budget is spent.
        if (!(reason instanceof RateLimiterRes)) throw reason;
        return Math.max(1, Math.ceil(reason.msBeforeNext / 1000));
      }
    },
  };
}
