import { recordQueries } from "@repo/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { failureOf } from "../../testing/caller-with.ts";
import { subjectLookups } from "../../testing/subject-lookups.ts";

let fixture: ApiFixture;
beforeAll(async () => {
  fixture = await createApiFixture();
});
afterAll(() => fixture.close());

const traderId = async (email: string) =>
  (await fixture.database.db.user.findUniqueOrThrow({ where: { email } })).id;

describe("an admin's request about a trader", () => {
  it("asks PostgreSQL who the trader is once, then takes it from the cache", async () => {
    const admin = await fixture.callerAs("admin@northwind.example.com");
    const maya = await traderId("maya@northwind.example.com");
    const log = recordQueries(fixture.deps.db);
    try {
      await admin.risk.dashboard({ traderId: maya });
      expect(subjectLookups(log.statements)).toHaveLength(1);
      await admin.risk.dashboard({ traderId: maya });
      await admin.risk.profile.get({ traderId: maya });
      expect(subjectLookups(log.statements)).toHaveLength(1);
    } finally {
      log.stop();
    }
  });

  it("still answers NOT_FOUND for another firm's trader and for an admin, each time", async () => {
    const admin = await fixture.callerAs("admin@northwind.example.com");
    const foreign = await fixture.database.db.user.findFirstOrThrow({
      where: { role: "TRADER", tenant: { slug: { not: "northwind" } } },
    });
    const self = await traderId("admin@northwind.example.com");
    for (const id of [foreign.id, foreign.id, self, self]) {
      expect(await failureOf(admin.risk.dashboard({ traderId: id }))).toMatchObject({
        code: "NOT_FOUND",
      });
    }
  });
});
