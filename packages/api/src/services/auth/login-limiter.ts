import type { RedisClient } from "@repo/risk-cache";
import {
  type IRateLimiterOptions,
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";

export interface LoginLimits {
  /** Failed sign-ins per account within `windowSeconds` before the account is locked out. */
  perAccount: number;
  /** Failed sign-ins per client address within `windowSeconds`. */
  perAddress: number;
  windowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAccount: 5,
  perAddress: 50,
  windowSeconds: 900,
};

/** Seconds until sign-in is allowed again, or 0 when it is allowed now. */
export interface LoginLimiter {
  retryAfterSeconds(email: string, address: string): Promise<number>;
  recordFailure(email: string, address: string): Promise<void>;
  recordSuccess(email: string): Promise<void>;
}

/**
 * Failed sign-ins counted per account and per address with rate-limiter-flexible: in Redis when
 * there is one, so every app instance shares the count, with an in-memory limiter as insurance
 * while Redis is away (sign-in keeps working, limited per instance).
 */
export function createLoginLimiter(
  redis: RedisClient | null,
  limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
  keyPrefix = "rd:login",
): LoginLimiter {
  const limiter = (name: string, points: number): RateLimiterAbstract => {
    const options: IRateLimiterOptions = {
      keyPrefix: `${keyPrefix}:${name}`,
      points,
      duration: limits.windowSeconds,
      blockDuration: limits.windowSeconds,
    };
    const memory = new RateLimiterMemory(options);
    if (!redis) return memory;
    return new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: memory });
  };
  const account = limiter("account", limits.perAccount);
  const address = limiter("address", limits.perAddress);
  const accountKey = (email: string) => email.trim().toLowerCase();

  const wait = async (target: RateLimiterAbstract, key: string, points: number) => {
    const state = await target.get(key);
    if (!state || state.consumedPoints < points) return 0;
    return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  };

  return {
    async retryAfterSeconds(email, clientAddress) {
      const waits = await Promise.all([
        wait(account, accountKey(email), limits.perAccount),
        wait(address, clientAddress, limits.perAddress),
      ]);
      return Math.max(...waits);
    },
    async recordFailure(email, clientAddress) {
      // consume() rejects with a RateLimiterRes once the budget is spent; that is the lockout
      // itself, not an error.
      const consume = (target: RateLimiterAbstract, key: string) =>
        target.consume(key).catch((reason: unknown) => {
          if (!(reason instanceof RateLimiterRes)) throw reason;
        });
      await Promise.all([consume(account, accountKey(email)), consume(address, clientAddress)]);
    },
    async recordSuccess(email) {
      await account.delete(accountKey(email));
    },
  };
}
