import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { callerWith, failureOf, steppingClock } from "../../testing/caller-with.ts";

type Caller = Awaited<ReturnType<ApiFixture["callerAs"]>>;

let fixture: ApiFixture;
let admin: Caller;
let ids: Record<"maya" | "jonas" | "ethan", string>;
/** The audited positions, oldest first: [trader, position id]. */
const written: [string, string][] = [];

beforeAll(async () => {
  fixture = await createApiFixture();
  const users = await fixture.database.db.user.findMany({
    where: { email: { in: ["maya", "jonas"].map((h) => `${h}@northwind.example.com`) } },
  });
  const ethan = await fixture.database.db.user.findFirstOrThrow({
    where: { email: "ethan@harbor.example.com" },
  });
  const idOf = (handle: string) => users.find((u) => u.email.startsWith(handle))?.id as string;
  ids = { maya: idOf("maya"), jonas: idOf("jonas"), ethan: ethan.id };
  // A clock a second apart per change, so "newest first" is an order the test can know.
  admin = await callerWith(fixture, "admin@northwind.example.com", { clock: steppingClock() });
  const { symbol } = await fixture.database.db.instrument.findFirstOrThrow({
    where: { tenantId: users[0]?.tenantId, assetClass: "EQUITY" },
  });
  for (const trader of [ids.maya, ids.jonas, ids.maya, ids.jonas, ids.maya]) {
    const opened = await admin.positions.open({ traderId: trader, symbol, quantity: 3 });
    written.push([trader, opened.id]);
  }
});
afterAll(() => fixture.close());

describe("admin.auditLog", () => {
  it("lists the tenant's changes newest first with actor, entity, before and after", async () => {
    const { events, nextCursor } = await admin.admin.auditLog();
    expect(nextCursor).toBeNull();
    expect(events.map((e) => e.entityId)).toEqual(written.map(([, id]) => id).reverse());
    const [newest] = events;
    expect(newest).toMatchObject({
      actor: { name: "Avery Admin" },
      trader: { id: ids.maya, name: "Maya Chen" },
      entity: "POSITION",
      action: "CREATE",
      before: null,
      after: { quantity: 3, closedAt: null },
    });
  });

  it("filters by trader", async () => {
    const { events } = await admin.admin.auditLog({ traderId: ids.jonas, limit: 200 });
    const jonas = written.filter(([trader]) => trader === ids.jonas).map(([, id]) => id);
    expect(events.map((e) => e.entityId)).toEqual(jonas.reverse());
  });

  it("pages through every event exactly once", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await admin.admin.auditLog({ limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.events.length).toBeLessThanOrEqual(2);
      seen.push(...page.events.map((e) => e.entityId));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(written.map(([, id]) => id).reverse());
  });

  it("shows another tenant's admin none of these changes", async () => {
    const harborAdmin = await fixture.callerAs("admin@harbor.example.com");
    expect((await harborAdmin.admin.auditLog()).events).toEqual([]);
    const other = await failureOf(harborAdmin.admin.auditLog({ traderId: ids.maya }));
    expect(other.code).toBe("NOT_FOUND");
    const cursor = await failureOf(harborAdmin.admin.auditLog({ cursor: written[0]?.[1] }));
    expect(cursor.code).toBe("BAD_REQUEST");
  });

  it("refuses unbounded or malformed pages, and non-admins", async () => {
    const cases: [unknown, string][] = [
      [{ limit: 0 }, "BAD_REQUEST"],
      [{ limit: 201 }, "BAD_REQUEST"],
      [{ limit: 1.5 }, "BAD_REQUEST"],
      [{ limit: "10" }, "BAD_REQUEST"],
      [{ cursor: "x".repeat(1_000_000) }, "BAD_REQUEST"],
      [{ cursor: randomUUID() }, "BAD_REQUEST"],
      [{ traderId: randomUUID() }, "NOT_FOUND"],
      [{ page: 2 }, "BAD_REQUEST"],
    ];
    for (const [input, code] of cases) {
      expect((await failureOf(admin.admin.auditLog(input as never))).code).toBe(code);
    }
    const maya = await fixture.callerAs("maya@northwind.example.com");
    expect((await failureOf(maya.admin.auditLog())).code).toBe("FORBIDDEN");
  });
});
