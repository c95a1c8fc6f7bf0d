import { createDb } from "@repo/db";
import { createTestDatabase, type TestDatabase } from "@repo/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "./config.ts";
import { buildHealthReport } from "./health.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
});
afterAll(() => database.drop());

describe("buildHealthReport", () => {
  it("is ok when the database answers, and reports the database and cache modes and the version", async () => {
    const config = readConfig({
      DATABASE_URL: database.url,
      REDIS_URL: "redis://127.0.0.1:6379",
      APP_VERSION: "9.9.9",
    });
    const report = await buildHealthReport(database.db, config);
    expect(report).toMatchObject({
      status: "ok",
      version: "9.9.9",
      database: { status: "ok", mode: "external" },
      cache: { mode: "redis" },
    });
  });

  it("is an error naming the reason when the database cannot be reached", async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const unreachable = "postgresql://postgres@127.0.0.1:1/nothing";
    const db = createDb({ databaseUrl: unreachable, connectionTimeoutMs: 2_000 });
    const report = await buildHealthReport(db, readConfig({ DATABASE_URL: unreachable }));
    await db.$disconnect();
    expect(report.status).toBe("error");
    expect(report.database).toEqual({
      status: "error",
      mode: "external",
      error: "Can't reach database server at 127.0.0.1:1",
    });
  });
});
