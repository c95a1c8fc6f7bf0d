import type { RedisClient } from "@repo/risk-cache";
import { DEFAULT_TOKEN_RATE_PER_MINUTE } from "../limits.ts";
import { consumeOrWait, perMinute } from "../request-limiter.ts";

export interface TokenLimiter {
  /** Counts one request of the token: 0 when it may go ahead, else seconds until it may. */
  consume(tokenId: string): Promise<number>;
}

/**
 * Requests per token and minute, counted in Redis across instances (rate-limiter-flexible, as
 * the app's other request limits are), this instance's memory standing in while Redis is away.
 * A limit of 0 is off.
 */
export function createTokenLimiter(
  redis: RedisClient | null,
  perMinuteLimit = DEFAULT_TOKEN_RATE_PER_MINUTE,
  keyPrefix = "rd:tokens",
): TokenLimiter {
  const limiter = perMinute(redis, keyPrefix, perMinuteLimit);
  return { consume: (tokenId) => consumeOrWait(limiter, tokenId, 1) };
}
