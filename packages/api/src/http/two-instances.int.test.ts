import { recordQueries } from "@repo/db/testing";
import type { TRPCClient } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "../root.ts";
import { type ApiFixture, createApiFixture } from "../testing/api-fixture.ts";
import { httpClient, signInOverHttp } from "../testing/http-client.ts";
import { startTwoInstances, type TestHttpServer } from "../testing/http-server.ts";
import { subjectLookups } from "../testing/subject-lookups.ts";

/**
 * Two app processes behind a load balancer (docs/architecture.md, "The flow of a write": after
 * a write call returns, no read on any server instance returns data computed before it): each server has its own RiskCache —
 * own connections, own in-process tier — on the same Redis and prefix. A trader's dashboard
 * polls server B while an admin's write lands on server A.
 */

type Client = TRPCClient<AppRouter>;

let fixture: ApiFixture;
let serverA: TestHttpServer;
let serverB: TestHttpServer;
let adminOnA: Client;

beforeAll(async () => {
  // A minute in process memory: B's copy is certainly still there when A writes, so only the
  // cross-instance invalidation can make B's next read fresh.
  fixture = await createApiFixture({ memory: { ttlMs: 60_000 } });
  ({ serverA, serverB } = await startTwoInstances(fixture));
  adminOnA = httpClient(
    serverA.url,
    await signInOverHttp(serverA.url, "admin@northwind.example.com"),
  );
});
afterAll(async () => {
  await Promise.all([serverA.close(), serverB.close()]);
  await fixture.close();
});

/** The trader's session, used on server B (sessions live in the database, valid on any server). */
async function traderOnB(email: string) {
  const client = httpClient(serverB.url, await signInOverHttp(serverB.url, email));
  const { userId } = (await client.auth.me.query()) ?? {};
  if (!userId) throw new Error(`${email} is not signed in`);
  return { client, userId };
}

/**
 * Reads the trader's metrics through B until B holds an in-process copy. The first read may
 * not leave one: computing a book can drop its alerts list, and a value loaded while any
 * invalidation was applied is kept out of process memory; the read after it from Redis does.
 */
async function cachedMetricsOnB(client: Client) {
  await client.risk.dashboard.query();
  await client.risk.dashboard.query();
  const third = await client.risk.dashboard.query();
  expect(third.freshness.source).toBe("memory");
  return third;
}

describe("two app instances sharing Redis", () => {
  it("refuses on B, at once, a session signed out through A", async () => {
    const cookie = await signInOverHttp(serverB.url, "sofia@northwind.example.com");
    const onB = httpClient(serverB.url, cookie);
    // B has recognised the session, and remembers it.
    await onB.risk.dashboard.query();
    expect((await onB.auth.me.query())?.email).toBe("sofia@northwind.example.com");

    await httpClient(serverA.url, cookie).auth.logout.mutate();

    expect(await onB.auth.me.query()).toBeNull();
    await expect(onB.risk.dashboard.query()).rejects.toMatchObject({
      data: { code: "UNAUTHORIZED" },
    });
  });

  it("drops on B, at once, who a trader deactivated through A is, and refuses their session", async () => {
    const lucas = await traderOnB("lucas@northwind.example.com");
    const adminOnB = httpClient(
      serverB.url,
      await signInOverHttp(serverB.url, "admin@northwind.example.com"),
    );
    // B's admin has looked at the trader, so B remembers who they are.
    await adminOnB.risk.profile.get.query({ traderId: lucas.userId });
    const log = recordQueries(fixture.deps.db);
    try {
      await adminOnB.risk.profile.get.query({ traderId: lucas.userId });
      expect(subjectLookups(log.statements)).toEqual([]);

      await adminOnA.admin.people.deactivate.mutate({ userId: lucas.userId });

      await expect(lucas.client.risk.dashboard.query()).rejects.toMatchObject({
        data: { code: "UNAUTHORIZED" },
      });
      // The admin may still open a deactivated trader's book: B asks PostgreSQL again.
      await adminOnB.risk.profile.get.query({ traderId: lucas.userId });
      expect(subjectLookups(log.statements)).toHaveLength(1);
    } finally {
      log.stop();
      await adminOnA.admin.people.reactivate.mutate({ userId: lucas.userId });
    }
  });

  it("shows a limit changed through A on the very next read through B", async () => {
    const maya = await traderOnB("maya@northwind.example.com");
    const before = await cachedMetricsOnB(maya.client);
    const limitBefore = before.metrics.limits.find((l) => l.type === "MAX_GROSS_EXPOSURE");
    if (!limitBefore) throw new Error("Maya has no gross exposure limit");

    const { limits } = await adminOnA.risk.limits.list.query({ traderId: maya.userId });
    const edited = limits.find((l) => l.id === limitBefore.id);
    if (!edited) throw new Error("the limit is not listed");
    const { updatedAt: _, ...fields } = edited;
    const threshold = limitBefore.threshold * 2;
    await adminOnA.risk.limits.update.mutate({ ...fields, traderId: maya.userId, threshold });

    const after = await maya.client.risk.dashboard.query();
    const limitAfter = after.metrics.limits.find((l) => l.id === limitBefore.id);
    expect(after.freshness.source).toBe("computed");
    expect(limitAfter?.threshold).toBe(threshold);
    // Same book, twice the threshold: the same exposure at half the utilisation.
    expect(limitAfter?.measured).toBeCloseTo(limitBefore.measured, 6);
    expect(limitAfter?.utilisation).toBeCloseTo(limitBefore.utilisation / 2, 9);
  });

  it("shows a profile changed through A on the very next read through B, metrics and profile", async () => {
    const priya = await traderOnB("priya@northwind.example.com");
    const before = await cachedMetricsOnB(priya.client);
    await priya.client.risk.profile.get.query();
    const profileBefore = await priya.client.risk.profile.get.query();
    expect(profileBefore.freshness.source).toBe("memory");

    const confidence = before.profile.varConfidence === 0.99 ? 0.95 : 0.99;
    const lookbackDays = before.profile.lookbackDays === 60 ? 90 : 60;
    await adminOnA.risk.profile.update.mutate({
      traderId: priya.userId,
      version: profileBefore.profile.version,
      riskTolerance: profileBefore.profile.riskTolerance,
      varConfidence: confidence,
      lookbackDays,
      maxDrawdownTolerance: profileBefore.profile.maxDrawdownTolerance,
    });

    const after = await priya.client.risk.dashboard.query();
    expect(after.freshness.source).toBe("computed");
    expect(after.profile).toMatchObject({
      varConfidence: confidence,
      lookbackDays,
      version: profileBefore.profile.version + 1,
    });
    expect(after.metrics.confidence).toBe(confidence);
    expect(after.history.days).toBeLessThanOrEqual(lookbackDays);
    const profileAfter = await priya.client.risk.profile.get.query();
    expect(profileAfter.profile).toMatchObject({
      varConfidence: confidence,
      lookbackDays,
      version: profileBefore.profile.version + 1,
    });
  });

  it("shows a position opened through A on the very next read through B", async () => {
    const jonas = await traderOnB("jonas@northwind.example.com");
    const before = await cachedMetricsOnB(jonas.client);
    const held = new Set(before.metrics.holdings.map((h) => h.symbol));
    const instrument = await fixture.database.db.instrument.findFirstOrThrow({
      where: { tenant: { users: { some: { id: jonas.userId } } }, symbol: { notIn: [...held] } },
      orderBy: { symbol: "asc" },
    });

    // The trader himself, on the other server (say, a second browser tab balanced elsewhere).
    const jonasOnA = httpClient(
      serverA.url,
      await signInOverHttp(serverA.url, "jonas@northwind.example.com"),
    );
    await jonasOnA.positions.open.mutate({ symbol: instrument.symbol, quantity: 25 });

    const after = await jonas.client.risk.dashboard.query();
    expect(after.freshness.source).toBe("computed");
    expect(after.metrics.holdings.find((h) => h.symbol === instrument.symbol)).toMatchObject({
      quantity: 25,
    });
    expect(after.metrics.holdings).toHaveLength(before.metrics.holdings.length + 1);
  });
});
