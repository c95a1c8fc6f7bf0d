import { createDb } from "@repo/db";
import { startTcpProxy, type TcpProxy } from "@repo/db/testing";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInnerContext } from "../context.ts";
import type { ApiDeps } from "../deps.ts";
import { createCaller } from "../root.ts";
import { type ApiFixture, createApiFixture } from "../testing/api-fixture.ts";
import { viewerOf } from "../testing/caller-with.ts";
import { httpClient, signInOverHttp } from "../testing/http-client.ts";
import { startTestHttpServer, type TestHttpServer } from "../testing/http-server.ts";

let fixture: ApiFixture;
let proxy: TcpProxy;
let server: TestHttpServer;
let deps: ApiDeps;

beforeAll(async () => {
  // Metrics expire after a second, so a test can watch one expire while PostgreSQL is away.
  fixture = await createApiFixture({
    kinds: { book: { ttlSeconds: 1 }, market: { ttlSeconds: 1 } },
  });
  const target = new URL(fixture.database.url);
  proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  const throughProxy = new URL(fixture.database.url);
  throughProxy.port = String(proxy.port);
  // A server whose only way to PostgreSQL is the proxy the test cuts.
  deps = {
    ...fixture.deps,
    db: createDb({ databaseUrl: throughProxy.toString(), poolSize: 2, connectionTimeoutMs: 1_000 }),
  };
  server = await startTestHttpServer(deps);
});
afterAll(async () => {
  await server.close();
  await deps.db.$disconnect();
  await proxy.close();
  await fixture.close();
});

async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    return { code: error.data?.code, httpStatus: error.data?.httpStatus, message: error.message };
  }
  throw new Error("expected the call to fail");
}

describe("when PostgreSQL cannot be reached", () => {
  it("says so for a signed-in caller whose session is already known, and saves nothing", async () => {
    const viewer = await viewerOf(fixture, "admin@northwind.example.com");
    const caller = createCaller(createInnerContext({ deps, viewer }));
    const maya = await fixture.database.db.user.findUniqueOrThrow({
      where: { email: "maya@northwind.example.com" },
    });
    const profile = await fixture.database.db.riskProfile.findFirstOrThrow({
      where: { traderId: maya.id },
    });
    await proxy.cut();
    try {
      await expect(
        caller.risk.profile.update({
          traderId: maya.id,
          version: profile.version,
          riskTolerance: "CONSERVATIVE",
          varConfidence: 0.99,
          lookbackDays: 100,
          maxDrawdownTolerance: 0.1,
        }),
      ).rejects.toMatchObject({
        code: "SERVICE_UNAVAILABLE",
        message:
          "Your change was not saved: the database cannot be reached right now. Try again in a moment.",
      });
    } finally {
      await proxy.restore();
    }
    const after = await fixture.database.db.riskProfile.findFirstOrThrow({
      where: { traderId: maya.id },
    });
    expect(after.version).toBe(profile.version);
  });

  it("answers 503 with a sentence that says so, saves nothing, and recovers when it is back", async () => {
    const cookie = await signInOverHttp(server.url, "admin@northwind.example.com");
    const admin = httpClient(server.url, cookie);
    const maya = await fixture.database.db.user.findUniqueOrThrow({
      where: { email: "maya@northwind.example.com" },
    });
    const { limits } = await admin.risk.limits.list.query({ traderId: maya.id });
    const limit = limits[0];
    if (!limit) throw new Error("maya has limits");

    await proxy.cut();
    const write = await failure(
      admin.risk.limits.update.mutate({
        traderId: maya.id,
        id: limit.id,
        version: limit.version,
        type: limit.type,
        threshold: limit.threshold * 2,
        warnFraction: limit.warnFraction,
        severity: limit.severity,
        symbol: limit.symbol,
        active: limit.active,
      }),
    );
    expect(write).toEqual({
      code: "SERVICE_UNAVAILABLE",
      httpStatus: 503,
      message:
        "Your change was not saved: the database cannot be reached right now. Try again in a moment.",
    });
    const read = await failure(admin.risk.dashboard.query({ traderId: maya.id }));
    expect(read).toMatchObject({ code: "SERVICE_UNAVAILABLE", httpStatus: 503 });

    await proxy.restore();
    const row = await fixture.database.db.riskLimit.findUniqueOrThrow({ where: { id: limit.id } });
    expect(row.version).toBe(limit.version);
    expect(row.threshold.toNumber()).toBe(limit.threshold);
    await expect(admin.risk.dashboard.query({ traderId: maya.id })).resolves.toMatchObject({
      metrics: { limits: expect.any(Array) },
    });
  });

  it("keeps serving a signed-in trader's cached dashboard, marked stale once it expires", async () => {
    const jonas = httpClient(
      server.url,
      await signInOverHttp(server.url, "jonas@northwind.example.com"),
    );
    const before = await jonas.risk.dashboard.query();
    const alertsBefore = await jonas.risk.alerts.list.query();

    await proxy.cut();
    try {
      // The session is remembered by this server, and the value is cached.
      expect((await jonas.auth.me.query())?.email).toBe("jonas@northwind.example.com");
      const cached = await jonas.risk.dashboard.query();
      expect(cached.metrics.nav).toBe(before.metrics.nav);
      expect(cached.freshness.source).not.toBe("computed");
      // Past its TTL the value cannot be recomputed: the same numbers come back, marked stale.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const expired = await jonas.risk.dashboard.query();
      expect(expired.freshness.source).toBe("stale");
      expect(expired.metrics.nav).toBe(before.metrics.nav);
      // The dashboard's other half, its alerts, comes from the cache too.
      expect(await jonas.risk.alerts.list.query()).toEqual(alertsBefore);
      // Nobody new can sign in, and is told why.
      const signIn = await fetch(`${server.url}/api/trpc/auth.login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { email: "priya@northwind.example.com", password: "x" } }),
      });
      expect(signIn.status).toBe(503);
    } finally {
      await proxy.restore();
    }
    const after = await jonas.risk.dashboard.query();
    expect(after.freshness.source).not.toBe("stale");
  });

  it("keeps serving an admin's poll of a trader: who the trader is comes from the cache too", async () => {
    const admin = httpClient(
      server.url,
      await signInOverHttp(server.url, "admin@northwind.example.com"),
    );
    const lucas = await fixture.database.db.user.findUniqueOrThrow({
      where: { email: "lucas@northwind.example.com" },
    });
    const before = await admin.risk.dashboard.query({ traderId: lucas.id });

    await proxy.cut();
    try {
      const cached = await admin.risk.dashboard.query({ traderId: lucas.id });
      expect(cached.metrics.nav).toBe(before.metrics.nav);
      expect(cached.freshness.source).not.toBe("computed");
    } finally {
      await proxy.restore();
    }
  });
});
