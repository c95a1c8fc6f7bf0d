import { randomUUID } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import { connectRedis, parseRedisConfig, type RedisClient } from "@repo/risk-cache";
import { type RedisServer, startRedisServer } from "@repo/risk-cache/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectWhenReady,
  TEST_REDIS_DEADLINE_MS,
  TEST_REDIS_URL,
} from "../../testing/api-fixture.ts";
import { createLoginLimiter, type LoginLimiter } from "./login-limiter.ts";
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from "./login-limits.ts";

/**
 * The limiter's rules, with the default limits, on this process's memory and on Redis (the
 * shared one of the suite, a cluster when TEST_REDIS_URL is one), then on a Redis that does not
 * answer. Time is the `now` each call is given, so pauses pass without waiting for them.
 */

let redis: RedisClient;
beforeAll(async () => {
  const config = parseRedisConfig(TEST_REDIS_URL);
  if (config.mode === "memory") throw new Error("TEST_REDIS_URL is not set to a Redis");
  redis = await connectWhenReady(config);
});
afterAll(() => redis.quit());

const T0 = Date.parse("2026-12-01T09:00:00Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000);

/** Where each limiter of a test is expected to count: a fallback must not pass for Redis. */
const countsIn = new Map<LoginLimiter, "redis" | "memory">();

function limiterWith(
  client: RedisClient | null,
  countsWhere: "redis" | "memory",
  prefix = `test-login-${randomUUID().slice(0, 8)}`,
  limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
): LoginLimiter {
  const limiter = createLoginLimiter(client, limits, prefix);
  countsIn.set(limiter, countsWhere);
  return limiter;
}

/**
 * The default limits with the tests' patient Redis deadline: a loaded machine must not move the
 * counts of a test about Redis to memory.
 */
const ON_REDIS: LoginLimits = { ...DEFAULT_LOGIN_LIMITS, redisTimeoutMs: TEST_REDIS_DEADLINE_MS };

/** A limiter of its own: a fresh key prefix in the shared Redis, or memory only. */
const limiterOn = (store: "memory" | "Redis") =>
  store === "Redis"
    ? limiterWith(redis, "redis", undefined, ON_REDIS)
    : limiterWith(null, "memory");

/**
 * One failed sign-in that the limiter let through, counted where `counted` says (Redis, or the
 * memory standing in for it); what the failure brought about.
 */
async function fail(limiter: LoginLimiter, email: string, address: string, now: Date) {
  const attempt = await limiter.attempt(email, address, now);
  expect(attempt.refused).toBeNull();
  const counted = countsIn.get(limiter);
  expect(attempt.counted.map((c) => c.counters.kind)).toEqual([counted, counted]);
  return limiter.failed(attempt, now);
}

describe.each(["memory", "Redis"] as const)("on %s", (store) => {
  it("slows one account down from one address, warns, then locks it from there only", async () => {
    const limiter = limiterOn(store);
    const sofia = "sofia@example.com";
    const first = await fail(limiter, sofia, "10.0.0.1", at(0));
    expect(first).toEqual({ pause: null, lockOnNextFailure: null });
    await fail(limiter, sofia, "10.0.0.1", at(1));
    expect(await fail(limiter, sofia, "10.0.0.1", at(2))).toEqual({
      pause: { scope: "accountFromAddress", seconds: 5, lock: false },
      lockOnNextFailure: null,
    });
    expect((await limiter.attempt(sofia, "10.0.0.1", at(3))).refused).toEqual({
      scope: "accountFromAddress",
      seconds: 4,
      lock: false,
    });
    expect(await fail(limiter, sofia, "10.0.0.1", at(7))).toEqual({
      pause: { scope: "accountFromAddress", seconds: 15, lock: false },
      lockOnNextFailure: { scope: "accountFromAddress", seconds: 900, lock: true },
    });
    expect(await fail(limiter, sofia, "10.0.0.1", at(30))).toEqual({
      pause: { scope: "accountFromAddress", seconds: 900, lock: true },
      lockOnNextFailure: null,
    });
    expect((await limiter.attempt(sofia, "10.0.0.1", at(60))).refused).toEqual({
      scope: "accountFromAddress",
      seconds: 870,
      lock: true,
    });

    // The owner, elsewhere, signs in; that attempt is taken back, the five failures stay.
    const owner = await limiter.attempt(sofia, "10.0.9.9", at(61));
    expect(owner.refused).toBeNull();
    await limiter.succeeded(owner);
    expect(await limiter.state(sofia, at(62))).toEqual({
      failedAttempts: 5,
      pausedAddresses: 1,
      locked: true,
      pausedEverywhere: false,
      pausedUntil: at(930),
    });

    // Once the lock is over, that address starts again from nothing.
    expect(await fail(limiter, sofia, "10.0.0.1", at(931))).toEqual({
      pause: null,
      lockOnNextFailure: null,
    });
  });

  it("lets attempts fired at once through no further than the lock", async () => {
    const limiter = limiterOn(store);
    const attempts = await Promise.all(
      Array.from({ length: 20 }, () => limiter.attempt("jonas@example.com", "10.0.1.1", at(0))),
    );
    expect(attempts.filter((attempt) => attempt.refused === null)).toHaveLength(5);
  });

  it("counts a success and a withdrawn attempt as no failure", async () => {
    const limiter = limiterOn(store);
    const lucas = "lucas@example.com";
    await fail(limiter, lucas, "10.0.2.1", at(0));
    await fail(limiter, lucas, "10.0.2.1", at(1));
    await limiter.withdrawn(await limiter.attempt(lucas, "10.0.2.1", at(2)));
    await limiter.succeeded(await limiter.attempt(lucas, "10.0.2.1", at(3)));
    // The success forgot the failures from that address; the account still counts them.
    expect((await fail(limiter, lucas, "10.0.2.1", at(4))).pause).toBeNull();
    expect((await fail(limiter, lucas, "10.0.2.1", at(5))).pause).toBeNull();
    expect((await limiter.state(lucas, at(6))).failedAttempts).toBe(4);
  });

  it("pauses an address that tries many accounts, for every account (password spraying)", async () => {
    const limiter = limiterOn(store);
    const outcomes = [];
    for (let i = 1; i <= 50; i++) {
      outcomes.push(await fail(limiter, `user${i}@example.com`, "10.0.3.1", at(i)));
    }
    expect(outcomes[48]?.lockOnNextFailure).toEqual({ scope: "address", seconds: 900, lock: true });
    expect(outcomes[49]?.pause).toEqual({ scope: "address", seconds: 900, lock: true });
    const next = await limiter.attempt("someone.else@example.com", "10.0.3.1", at(60));
    expect(next.refused).toMatchObject({ scope: "address", lock: true });
    // Refused at the address, the attempt added nothing to that account's counts.
    expect((await limiter.state("someone.else@example.com", at(61))).failedAttempts).toBe(0);
    expect((await limiter.attempt("user1@example.com", "10.0.3.2", at(62))).refused).toBeNull();
  });

  it("pauses an account tried from many addresses for every address, its owner's too", async () => {
    const limiter = limiterOn(store);
    const maya = "maya@example.com";
    const outcomes = [];
    for (let i = 1; i <= 100; i++) outcomes.push(await fail(limiter, maya, `10.1.0.${i}`, at(i)));
    expect(outcomes[98]?.lockOnNextFailure).toEqual({ scope: "account", seconds: 900, lock: true });
    expect(outcomes[99]?.pause).toEqual({ scope: "account", seconds: 900, lock: true });
    expect((await limiter.attempt(maya, "10.9.9.9", at(101))).refused).toMatchObject({
      scope: "account",
      lock: true,
    });
    expect(await limiter.state(maya, at(102))).toMatchObject({
      failedAttempts: 100,
      pausedEverywhere: true,
      locked: true,
    });
  });

  it("unlocks an account from every address at once", async () => {
    const limiter = limiterOn(store);
    const priya = "priya@example.com";
    for (let i = 0; i < 5; i++) await fail(limiter, priya, "10.0.4.1", at(i * 20));
    for (let i = 0; i < 3; i++) await fail(limiter, priya, "10.0.4.2", at(i));
    expect(await limiter.state(priya, at(100))).toMatchObject({
      failedAttempts: 8,
      pausedAddresses: 1,
      locked: true,
    });
    await limiter.unlock("Priya@Example.com ");
    expect(await limiter.state(priya, at(101))).toEqual({
      failedAttempts: 0,
      pausedAddresses: 0,
      locked: false,
      pausedEverywhere: false,
      pausedUntil: null,
    });
    for (const address of ["10.0.4.1", "10.0.4.2"]) {
      expect((await fail(limiter, priya, address, at(102))).pause).toBeNull();
    }
  });
});

describe("on Redis, shared by every instance", () => {
  it("pauses through one instance what failed through another, and unlocks through either", async () => {
    const prefix = `test-login-${randomUUID().slice(0, 8)}`;
    const serverA = limiterWith(redis, "redis", prefix, ON_REDIS);
    const serverB = limiterWith(redis, "redis", prefix, ON_REDIS);
    const ethan = "ethan@example.com";
    for (let i = 0; i < 5; i++) {
      await fail(i % 2 === 0 ? serverA : serverB, ethan, "10.2.0.1", at(i * 20));
    }
    expect((await serverB.attempt(ethan, "10.2.0.1", at(100))).refused).toMatchObject({
      lock: true,
    });
    await serverB.unlock(ethan);
    expect((await serverA.attempt(ethan, "10.2.0.1", at(101))).refused).toBeNull();
  });
});

/** A TCP server that accepts connections and never says a word. */
async function startSilentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("not a TCP server");
  return {
    url: `redis://127.0.0.1:${address.port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((closed) => server.close(() => closed()));
    },
  };
}

describe("with a Redis that does not answer", () => {
  const limits = { ...DEFAULT_LOGIN_LIMITS, redisTimeoutMs: 50 };
  let own: RedisServer;
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  const clients: RedisClient[] = [];
  beforeAll(async () => {
    [own, silent] = await Promise.all([startRedisServer(), startSilentServer()]);
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await Promise.all([own.stop(), silent.close()]);
  });

  /** A client connected to our Redis, which is then paused (SIGSTOP): connected and silent. */
  async function pausedRedis(): Promise<RedisClient> {
    const config = parseRedisConfig(own.url);
    if (config.mode !== "redis") throw new Error("not a single Redis");
    const client = await connectWhenReady(config);
    clients.push(client);
    own.pause();
    return client;
  }

  /** A client of a server that accepted the connection and never answers. */
  async function silentServer(): Promise<RedisClient> {
    const config = parseRedisConfig(silent.url);
    if (config.mode !== "redis") throw new Error("not a single Redis");
    const client = connectRedis(config);
    client.on("error", () => {});
    clients.push(client);
    return client;
  }

  it.each([
    ["paused (SIGSTOP)", pausedRedis],
    ["that accepts and never answers", silentServer],
  ])("counts in memory when the server is %s", async (_, connect) => {
    const limiter = limiterWith(await connect(), "memory", "test-login-deaf", limits);
    try {
      const success = await limiter.attempt("lucas@example.com", "10.3.0.1", at(0));
      expect(success.refused).toBeNull();
      await limiter.succeeded(success);
      for (let i = 1; i <= 3; i++) await fail(limiter, "maya@example.com", "10.3.0.1", at(i));
      expect((await limiter.attempt("maya@example.com", "10.3.0.1", at(4))).refused).toEqual({
        scope: "accountFromAddress",
        seconds: 4,
        lock: false,
      });
      expect(await limiter.state("maya@example.com", at(5))).toMatchObject({
        failedAttempts: 3,
        pausedAddresses: 1,
      });
      // The unlock cannot reach the other instances: it says so rather than pretend.
      await expect(limiter.unlock("maya@example.com")).rejects.toThrow();
    } finally {
      own.resume();
    }
  });
});
