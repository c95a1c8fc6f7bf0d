import { type RedisServer, startRedisServer } from "@repo/risk-cache/testing";
import type { TRPCClient } from "@trpc/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "../root.ts";
import { type ApiFixture, createApiFixture } from "../testing/api-fixture.ts";
import { httpClient, signInOverHttp } from "../testing/http-client.ts";
import { startTwoInstances, type TestHttpServer } from "../testing/http-server.ts";
import { REDIS_DEADLINE_MS } from "./request-limiter.ts";

/**
 * Two app instances on one PostgreSQL and a Redis of the test's own, which the tests stop or
 * pause: PostgreSQL is up and is the truth, so after a write through A returns, no read through
 * B shows the book as it was before, and no session signed out through A is accepted by B —
 * whether Redis can carry the news or not.
 */

type Client = TRPCClient<AppRouter>;

let redis: RedisServer;
let fixture: ApiFixture;
let serverA: TestHttpServer;
let serverB: TestHttpServer;
let adminOnA: Client;

beforeAll(async () => {
  redis = await startRedisServer();
  fixture = await createApiFixture({
    redisUrl: redis.url,
    // A minute in process memory: B's copies certainly outlive the outage unless dropped.
    memory: { ttlMs: 60_000 },
    timeouts: { commandTimeoutMs: 100 },
    // Requests go on while Redis hangs: the limiters give up on it as fast as a server's do.
    limiterDeadlineMs: REDIS_DEADLINE_MS,
  });
  ({ serverA, serverB } = await startTwoInstances(fixture));
  adminOnA = httpClient(
    serverA.url,
    await signInOverHttp(serverA.url, "admin@northwind.example.com"),
  );
});
afterEach(async () => {
  redis.resume();
  await redis.start();
});
afterAll(async () => {
  await Promise.all([serverA.close(), serverB.close()]);
  await fixture.close();
  await redis.stop();
});

async function traderOnB(email: string) {
  const client = httpClient(serverB.url, await signInOverHttp(serverB.url, email));
  const { userId } = (await client.auth.me.query()) ?? {};
  if (!userId) throw new Error(`${email} is not signed in`);
  return { client, userId };
}

/** Doubles the trader's gross exposure limit through A; the new threshold. */
async function doubleGrossLimitOnA(traderId: string): Promise<{ id: string; threshold: number }> {
  const { limits } = await adminOnA.risk.limits.list.query({ traderId });
  const limit = limits.find((l) => l.type === "MAX_GROSS_EXPOSURE");
  if (!limit) throw new Error("the trader has no gross exposure limit");
  const { updatedAt: _, ...fields } = limit;
  const threshold = limit.threshold * 2;
  await adminOnA.risk.limits.update.mutate({ ...fields, traderId, threshold });
  return { id: limit.id, threshold };
}

const thresholdOf = (
  view: { metrics: { limits: { id: string; threshold: number }[] } },
  id: string,
) => view.metrics.limits.find((l) => l.id === id)?.threshold;

describe.each([
  ["stopped", () => redis.stop()],
  ["hung (SIGSTOP)", async () => redis.pause()],
])("two app instances while Redis is %s", (_, takeRedisAway) => {
  it("shows on B, at its next read, a limit changed through A", async () => {
    const maya = await traderOnB("maya@northwind.example.com");
    await maya.client.risk.limits.list.query();
    // B keeps a copy in process memory (the first reads may not leave one: see two-instances).
    await expect
      .poll(async () => (await maya.client.risk.dashboard.query()).freshness.source, {
        timeout: 30_000,
      })
      .toBe("memory");

    await takeRedisAway();
    // B serves what it remembers while nothing has changed.
    const during = await maya.client.risk.dashboard.query();
    const { id, threshold } = await doubleGrossLimitOnA(maya.userId);

    const after = await maya.client.risk.dashboard.query();
    expect(thresholdOf(after, id)).toBe(threshold);
    expect(thresholdOf(during, id)).toBe(threshold / 2);
    const { limits } = await maya.client.risk.limits.list.query();
    expect(limits.find((l) => l.id === id)?.threshold).toBe(threshold);
  });

  it("refuses on B a session signed out through A", async () => {
    const cookie = await signInOverHttp(serverB.url, "sofia@northwind.example.com");
    const onB = httpClient(serverB.url, cookie);
    await onB.risk.dashboard.query();
    expect((await onB.auth.me.query())?.email).toBe("sofia@northwind.example.com");

    await takeRedisAway();
    await httpClient(serverA.url, cookie).auth.logout.mutate();

    expect(await onB.auth.me.query()).toBeNull();
    await expect(onB.risk.dashboard.query()).rejects.toMatchObject({
      data: { code: "UNAUTHORIZED" },
    });
  });
});

describe("after Redis hung and came back", () => {
  it("B, idle all along, refuses a session signed out through A while Redis hung", async () => {
    const cookie = await signInOverHttp(serverB.url, "jonas@northwind.example.com");
    const onB = httpClient(serverB.url, cookie);
    await onB.risk.dashboard.query();

    redis.pause();
    await httpClient(serverA.url, cookie).auth.logout.mutate();
    redis.resume();
    // B asked nothing while Redis hung; once it hears the bus again it has dropped every
    // session it remembered rather than trusting one the sign-out could not reach.
    await expect
      .poll(() => fixture.deps.cache.invalidationsReachEveryInstance, { timeout: 30_000 })
      .toBe(true);
    expect(await onB.auth.me.query()).toBeNull();
  });
});
