import { randomUUID } from "node:crypto";
import { connect, createServer, type Server, type Socket } from "node:net";
import { DEMO_PASSWORD } from "@repo/db/demo";
import { connectRedis, parseRedisConfig, type RedisClient } from "@repo/risk-cache";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiDeps } from "../deps.ts";
import {
  type ApiFixture,
  connectWhenReady,
  createApiFixture,
  TEST_REDIS_DEADLINE_MS,
  TEST_REDIS_URL,
} from "../testing/api-fixture.ts";
import { errorMessagesOf, signInOverHttp } from "../testing/http-client.ts";
import { startTestHttpServer, type TestHttpServer } from "../testing/http-server.ts";
import type { RequestLimits } from "./limits.ts";
import { createRequestLimiter, REDIS_DEADLINE_MS } from "./request-limiter.ts";

/**
 * Issues 2 and 3: requests are limited per client — per signed-in user, per address when
 * anonymous — in Redis, shared by every instance, and counted in memory when Redis fails or
 * hangs; the address is the socket's peer unless that peer is a trusted proxy.
 */

let fixture: ApiFixture;
let redis: RedisClient;
const servers: TestHttpServer[] = [];

beforeAll(async () => {
  // Sign-in's limit per address, low enough to reach in a few failures (each costs a scrypt).
  fixture = await createApiFixture({
    loginLimits: { address: [{ failures: 3, pauseSeconds: 900 }] },
  });
  const config = parseRedisConfig(TEST_REDIS_URL);
  if (config.mode === "memory") throw new Error("TEST_REDIS_URL names no Redis");
  redis = await connectWhenReady(config);
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await redis.quit();
  await fixture.close();
});

/** Servers that count on one Redis under a prefix of their own: instances of one deployment. */
async function instances(
  count: number,
  limits: Partial<RequestLimits>,
  options: {
    trustedProxies?: string;
    redis?: RedisClient;
    /** The server's own deadline for a test of the fallback; the tests' patient one otherwise. */
    redisDeadlineMs?: number;
    deps?: Partial<ApiDeps>;
  } = {},
): Promise<TestHttpServer[]> {
  const prefix = `test-requests-${randomUUID().slice(0, 8)}`;
  const full = { signedInPerMinute: 1_000, anonymousPerMinute: 1_000, ...limits };
  const started = await Promise.all(
    Array.from({ length: count }, () =>
      startTestHttpServer(
        {
          ...fixture.deps,
          ...options.deps,
          requestLimiter: createRequestLimiter(
            options.redis ?? redis,
            full,
            prefix,
            options.redisDeadlineMs ?? TEST_REDIS_DEADLINE_MS,
          ),
        },
        { trustedProxies: options.trustedProxies },
      ),
    ),
  );
  servers.push(...started);
  return started;
}

/** A dashboard poll (two calls in one request), from `address` as a proxy would say. */
async function poll(server: TestHttpServer, headers: Record<string, string> = {}) {
  const input = encodeURIComponent('{"0":{"json":null},"1":{"json":null}}');
  const response = await fetch(`${server.url}/api/trpc/auth.me,auth.me?batch=1&input=${input}`, {
    headers,
  });
  const text = await response.text();
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    messages: errorMessagesOf(text),
  };
}

const TOO_MANY = /^Too many requests in the last minute: wait \d+ seconds? and try again\.$/;

describe("the per-client request limit", () => {
  it("answers 429 with Retry-After and a sentence once an address has spent its minute", async () => {
    const [server] = await instances(1, { anonymousPerMinute: 6 });
    if (!server) throw new Error("no server");
    for (let i = 0; i < 3; i++) expect((await poll(server)).status).toBe(200);
    const refused = await poll(server);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    // One answer for the request, as tRPC gives every call of a batch that failed alike.
    expect(refused.messages).toHaveLength(2);
    for (const message of refused.messages) expect(message).toMatch(TOO_MANY);
  });

  it("counts a signed-in user across sessions, apart from their address and other users", async () => {
    const [server] = await instances(1, { signedInPerMinute: 6, anonymousPerMinute: 100 });
    if (!server) throw new Error("no server");
    const tab = await signInOverHttp(server.url, "maya@northwind.example.com");
    const otherDevice = await signInOverHttp(server.url, "maya@northwind.example.com");
    const jonas = await signInOverHttp(server.url, "jonas@northwind.example.com");
    expect((await poll(server, { cookie: tab })).status).toBe(200);
    expect((await poll(server, { cookie: otherDevice })).status).toBe(200);
    expect((await poll(server, { cookie: tab })).status).toBe(200);
    expect((await poll(server, { cookie: otherDevice })).status).toBe(429);
    expect((await poll(server, { cookie: jonas })).status).toBe(200);
    // Anonymous from the same address: its own budget. A cookie that signs no one in is anonymous.
    expect((await poll(server)).status).toBe(200);
    expect((await poll(server, { cookie: "rd_session=forged" })).status).toBe(200);
  });

  it("is shared by the instances, through Redis", async () => {
    const [a, b] = await instances(2, { anonymousPerMinute: 8 });
    if (!a || !b) throw new Error("no servers");
    for (const server of [a, b, a, b]) expect((await poll(server)).status).toBe(200);
    expect((await poll(b)).status).toBe(429);
    expect((await poll(a)).status).toBe(429);
  });

  it("keeps counting, in memory, while Redis does not answer, and never waits for it", async () => {
    const hung = await stallingProxy(TEST_REDIS_URL);
    const client = connectRedis({
      mode: "redis",
      url: `redis://127.0.0.1:${hung.port}`,
      tls: false,
    });
    await new Promise((ready) => client.once("ready", ready));
    try {
      const [server] = await instances(
        1,
        { anonymousPerMinute: 4 },
        { redis: client, redisDeadlineMs: REDIS_DEADLINE_MS },
      );
      if (!server) throw new Error("no server");
      expect((await poll(server)).status).toBe(200);
      hung.stall();
      // Each request would wait forever for Redis's answer without the limiter's deadline. This
      // instance's memory counts on its own (from nothing: [200, 200, 429] on one Redis) and
      // keeps the limit.
      const answers: number[] = [];
      while (answers.at(-1) !== 429 && answers.length < 4)
        answers.push((await poll(server)).status);
      expect(answers[0]).toBe(200);
      expect(answers.at(-1)).toBe(429);
    } finally {
      client.disconnect();
      await hung.close();
    }
  });
});

describe("the client's address", () => {
  it("is the socket's peer: a new X-Forwarded-For from an untrusted peer escapes no limit", async () => {
    const [server] = await instances(1, { anonymousPerMinute: 6 });
    if (!server) throw new Error("no server");
    for (const address of ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) {
      expect((await poll(server, { "x-forwarded-for": address })).status).toBe(200);
    }
    expect((await poll(server, { "x-forwarded-for": "203.0.113.4" })).status).toBe(429);
  });

  it("comes from X-Forwarded-For when the peer is a trusted proxy", async () => {
    const [proxied] = await instances(
      1,
      { anonymousPerMinute: 4 },
      { trustedProxies: "127.0.0.1" },
    );
    if (!proxied) throw new Error("no server");
    const from = (chain: string) => poll(proxied, { "x-forwarded-for": chain });
    expect((await from("203.0.113.1")).status).toBe(200);
    // The rightmost address that is not a trusted proxy is the client; what it claims is not.
    expect((await from("198.51.100.9, 203.0.113.1")).status).toBe(200);
    expect((await from("203.0.113.1")).status).toBe(429);
    expect((await from("203.0.113.2")).status).toBe(200);
  });

  it("keeps the sign-in limit per address, whatever X-Forwarded-For says", async () => {
    // Failed sign-ins from one address, each under a new claimed address and a new email (so no
    // account's own limit is reached): the address's limit (3 here) must end them.
    const [server] = await instances(1, {});
    if (!server) throw new Error("no server");
    let answer = 0;
    for (let attempt = 0; attempt < 10 && answer !== 429; attempt++) {
      const response = await fetch(`${server.url}/api/trpc/auth.login`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${attempt}` },
        body: JSON.stringify({ json: { email: `nobody-${attempt}@example.com`, password: "x" } }),
      });
      await response.arrayBuffer();
      answer = response.status;
    }
    expect(answer).toBe(429);
    // Even the right password, from that address, now waits.
    const signIn = await fetch(`${server.url}/api/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "192.0.2.1" },
      body: JSON.stringify({
        json: { email: "priya@northwind.example.com", password: DEMO_PASSWORD },
      }),
    });
    expect(signIn.status).toBe(429);
    // When to try again, in words and in the header a client or a proxy can act on.
    expect(Number(signIn.headers.get("retry-after"))).toBeGreaterThan(0);
    const { error } = (await signIn.json()) as { error: { json: { message: string } } };
    expect(error.json.message).toMatch(/Try again in/);
  });
});

/**
 * A TCP proxy to Redis that can stop answering while keeping its connections open: a hung
 * Redis, which (unlike a stopped one) fails no command, so only a deadline ends the wait.
 */
async function stallingProxy(redisUrl: string) {
  const target = new URL(redisUrl.split(",")[0] as string);
  const sockets = new Set<Socket>();
  let stalled = false;
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.on("data", (chunk) => {
        if (!stalled) to.write(chunk);
      });
      from.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("proxy has no port");
  return {
    port: address.port,
    stall: () => {
      stalled = true;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
