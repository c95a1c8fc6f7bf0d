import { createDb } from "@repo/db";
import { createTestDatabase, type TestDatabase } from "@repo/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseStateMessage, isDatabaseBusy, isDatabaseUnavailable } from "./errors.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** Retries the pool's first connection until it opens within the pool's 100 ms. */
async function openWithin100Ms(db: ReturnType<typeof createDb>) {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.$queryRaw`SELECT 1`;
      return;
    } catch (error) {
      if (attempt === 50) throw error;
    }
  }
}

describe("a database too busy to give a connection", () => {
  it("is told apart from an outage and from a wrong query, and answered as unavailable", async () => {
    // One connection, held by a transaction, and a query that may wait 100 ms for it.
    const db = createDb({ databaseUrl: database.url, poolSize: 1, connectionTimeoutMs: 100 });
    try {
      // The pool's one connection is opened first: on a busy machine opening it can take longer
      // than the 100 ms, and the transaction below must hold it, not fail to get it.
      await openWithin100Ms(db);
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let started = () => {};
      const holding = new Promise<void>((resolve) => {
        started = resolve;
      });
      const transaction = db.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1`;
          started();
          await held;
        },
        { maxWait: 10_000, timeout: 60_000 },
      );
      // Fails at once, rather than at the test's timeout, should the transaction not start.
      await Promise.race([holding, transaction]);
      const error = await db.user.count().then(
        () => null,
        (reason: unknown) => reason,
      );
      release();
      await transaction;
      expect(error).not.toBeNull();
      expect(isDatabaseBusy(error)).toBe(true);
      // Not an outage: a remembered value must not be served on its account (read-book.ts).
      expect(isDatabaseUnavailable(error)).toBe(false);
      expect(databaseStateMessage(error, "query")).toBe(
        "The server is too busy to answer right now. Try again in a moment.",
      );
      // A query that is wrong is neither.
      const wrong = await db.$queryRaw`SELECT * FROM "NoSuchTable"`.then(
        () => null,
        (reason: unknown) => reason,
      );
      expect(databaseStateMessage(wrong, "query")).toBeNull();
    } finally {
      await db.$disconnect();
    }
  });
});
