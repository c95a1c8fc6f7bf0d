import { describe, expect, it } from "vitest";
import { databasePool } from "./client.ts";
import { createTestDatabase } from "./testing/index.ts";

describe("createDb", () => {
  it("exposes the pool its queries run on, and $disconnect closes it", async () => {
    const database = await createTestDatabase({ migrate: false });
    try {
      const pool = databasePool(database.db);
      expect(pool?.totalCount).toBe(0);
      // Two queries in flight at once need two connections of this pool, not of another one.
      await Promise.all([
        database.db.$queryRaw`SELECT 1 AS one FROM pg_sleep(0.05)`,
        database.db.$queryRaw`SELECT 1 AS one FROM pg_sleep(0.05)`,
      ]);
      expect(pool?.totalCount).toBe(2);
      expect(pool?.idleCount).toBe(2);
      expect(pool?.waitingCount).toBe(0);
    } finally {
      await database.drop();
    }
    expect(databasePool(database.db)?.totalCount).toBe(0);
  });
});
