import { API_CACHE_POLICY } from "@repo/api";
import { createDb } from "@repo/db";
import { createTestDatabase, type TestDatabase } from "@repo/db/testing";
import { RiskCache } from "@repo/risk-cache";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "./config.ts";
import { buildHealthReport, healthResponse } from "./health.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
// Port 1 on loopback: nothing listens there, so connections are refused at once.
const UNREACHABLE_DB = "postgresql://postgres@127.0.0.1:1/nothing";
const UNREACHABLE_REDIS = "redis://127.0.0.1:1";

let database: TestDatabase;
const caches: RiskCache[] = [];
beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
});
afterAll(async () => {
  await Promise.all(caches.map((cache) => cache.close()));
  await database.drop();
});

async function cacheFor(config: ReturnType<typeof readConfig>) {
  const cache = await RiskCache.create({
    ...API_CACHE_POLICY,
    redis: config.redis,
    prefix: `health-${caches.length}`,
  });
  caches.push(cache);
  return cache;
}

describe("buildHealthReport", () => {
  it("is ok when the database answers, with the database and cache modes and the version", async () => {
    const config = readConfig({ DATABASE_URL: database.url, REDIS_URL, APP_VERSION: "9.9.9" });
    const report = await buildHealthReport(database.db, await cacheFor(config), config);
    expect(report).toMatchObject({
      status: "ok",
      version: "9.9.9",
      database: { status: "ok", mode: "external" },
      cache: { mode: "redis", status: "ok", redis: { connected: true } },
    });
  });

  it("reports an in-memory cache without Redis details", async () => {
    const config = readConfig({ DATABASE_URL: database.url });
    const report = await buildHealthReport(database.db, await cacheFor(config), config);
    expect(report.cache).toEqual({ mode: "memory", status: "ok", redis: null });
  });

  it("stays ok but says so when the cache has fallen back to memory because Redis is down", async () => {
    const config = readConfig({ DATABASE_URL: database.url, REDIS_URL: UNREACHABLE_REDIS });
    const cache = await cacheFor(config);
    // A kind kept in Redis: its read is what finds Redis down.
    await cache.getOrCompute("profile", { tenantId: "t", userId: "u" }, async () => 1);
    const report = await buildHealthReport(database.db, cache, config);
    expect(report.status).toBe("ok");
    expect(report.cache).toMatchObject({
      mode: "redis",
      status: "fallback",
      redis: { connected: false },
    });
  });

  it("is an error naming the reason when the database cannot be reached", async () => {
    const db = createDb({ databaseUrl: UNREACHABLE_DB, connectionTimeoutMs: 2_000 });
    const config = readConfig({ DATABASE_URL: UNREACHABLE_DB });
    const report = await buildHealthReport(db, await cacheFor(config), config);
    await db.$disconnect();
    expect(report.status).toBe("error");
    expect(report.database).toEqual({
      status: "error",
      mode: "external",
      error: "Can't reach database server at 127.0.0.1:1",
    });
  });
});

describe("healthResponse", () => {
  async function downReport() {
    const db = createDb({ databaseUrl: UNREACHABLE_DB, connectionTimeoutMs: 2_000 });
    const config = readConfig({ DATABASE_URL: UNREACHABLE_DB, REDIS_URL, APP_VERSION: "9.9.9" });
    const report = await buildHealthReport(db, await cacheFor(config), config);
    await db.$disconnect();
    return report;
  }

  it("tells anybody only up or down, by status and HTTP code", async () => {
    const config = readConfig({ DATABASE_URL: database.url, REDIS_URL, APP_VERSION: "9.9.9" });
    const up = healthResponse(
      await buildHealthReport(database.db, await cacheFor(config), config),
      false,
    );
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: "ok" });

    const down = healthResponse(await downReport(), false);
    expect(down.status).toBe(503);
    const text = await down.text();
    expect(JSON.parse(text)).toEqual({ status: "error" });
    for (const detail of ["127.0.0.1", "reach", "external", "redis", "9.9.9"]) {
      expect(text).not.toContain(detail);
    }
    expect(down.headers.get("cache-control")).toBe("no-store");
  });

  it("gives admins and operators the whole report, the database's error included", async () => {
    const report = await downReport();
    const answer = healthResponse(report, true);
    expect(answer.status).toBe(503);
    expect(await answer.json()).toEqual(report);
    expect(report).toMatchObject({
      version: "9.9.9",
      database: { status: "error", error: "Can't reach database server at 127.0.0.1:1" },
      cache: { mode: "redis" },
    });
  });
});
