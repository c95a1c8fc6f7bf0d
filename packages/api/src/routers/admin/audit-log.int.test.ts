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

  it("takes the direction the browser's infinite queries send with each page", async () => {
    const page = await admin.admin.auditLog({ limit: 2, direction: "forward" });
    expect(page.events.map((e) => e.entityId)).toEqual(
      written
        .map(([, id]) => id)
        .reverse()
        .slice(0, 2),
    );
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
      [{ actorId: randomUUID() }, "NOT_FOUND"],
      [{ entity: "ACCOUNT" }, "BAD_REQUEST"],
      [{ action: "READ" }, "BAD_REQUEST"],
      [{ from: "yesterday" }, "BAD_REQUEST"],
      [{ to: "2026-13-40T00:00:00Z" }, "BAD_REQUEST"],
      [{ direction: "sideways" }, "BAD_REQUEST"],
    ];
    for (const [input, code] of cases) {
      expect((await failureOf(admin.admin.auditLog(input as never))).code).toBe(code);
    }
    const maya = await fixture.callerAs("maya@northwind.example.com");
    expect((await failureOf(maya.admin.auditLog())).code).toBe("FORBIDDEN");
  });
});

describe("admin.auditLog's filters", () => {
  /** Changes of this block: Maya's own position, then a limit created, changed and deleted. */
  let mayaPosition: string;
  let limitId: string;
  let limitEvents: string[];
  let startedAt: Date;

  beforeAll(async () => {
    startedAt = new Date(Date.now() + 60 * 60_000);
    // A clock an hour ahead of the first block's, stepping a second per change.
    const later = await callerWith(fixture, "admin@northwind.example.com", {
      clock: steppingClock(startedAt.getTime()),
    });
    const maya = await callerWith(fixture, "maya@northwind.example.com", {
      clock: steppingClock(startedAt.getTime() + 10_000),
    });
    const { symbol } = await fixture.database.db.instrument.findFirstOrThrow({
      where: { tenant: { slug: "northwind" }, assetClass: "EQUITY" },
    });
    mayaPosition = (await maya.positions.open({ symbol, quantity: 2 })).id;
    // A position limit on a symbol Jonas has none on yet (one limit per kind and symbol).
    const his = await fixture.database.db.riskLimit.findMany({ where: { traderId: ids.jonas } });
    const free = await fixture.database.db.instrument.findFirstOrThrow({
      where: {
        tenant: { slug: "northwind" },
        symbol: { notIn: his.flatMap((limit) => (limit.symbol ? [limit.symbol] : [])) },
      },
    });
    const fields = {
      traderId: ids.jonas,
      type: "MAX_POSITION_NOTIONAL",
      warnFraction: 0.8,
      severity: "SOFT",
      symbol: free.symbol,
      active: true,
    } as const;
    const created = await later.risk.limits.create({ ...fields, threshold: 7_000 });
    limitId = created.id;
    const updated = await later.risk.limits.update({
      ...fields,
      id: limitId,
      version: created.version,
      threshold: 9_000,
    });
    await later.risk.limits.delete({ traderId: ids.jonas, id: limitId, version: updated.version });
    const history = await fixture.database.db.auditEvent.findMany({
      where: { entityId: limitId },
      orderBy: { createdAt: "desc" },
    });
    limitEvents = history.map((event) => event.action);
  });

  it("filters by who made the change", async () => {
    const { events } = await admin.admin.auditLog({ actorId: ids.maya, limit: 200 });
    expect(events.map((e) => e.entityId)).toEqual([mayaPosition]);
    expect(events[0]?.actor).toEqual({ id: ids.maya, name: "Maya Chen" });
  });

  it("shows one limit's own history, its deletion included, newest first", async () => {
    const { events } = await admin.admin.auditLog({ entityId: limitId });
    expect(limitEvents).toEqual(["DELETE", "UPDATE", "CREATE"]);
    expect(events.map((e) => e.action)).toEqual(limitEvents);
    expect(events[1]).toMatchObject({
      actor: { name: "Avery Admin" },
      before: { threshold: 7_000 },
      after: { threshold: 9_000 },
    });
  });

  it("filters by kind and action together", async () => {
    const limits = await admin.admin.auditLog({ entity: "LIMIT", action: "DELETE", limit: 200 });
    expect(limits.events.map((e) => e.entityId)).toContain(limitId);
    expect(limits.events.every((e) => e.entity === "LIMIT" && e.action === "DELETE")).toBe(true);
  });

  it("filters by a date range, from inclusive and to exclusive", async () => {
    const inRange = await admin.admin.auditLog({ from: startedAt.toISOString(), limit: 200 });
    expect(inRange.events.map((e) => e.entityId).sort()).toEqual(
      [mayaPosition, limitId, limitId, limitId].sort(),
    );
    const before = await admin.admin.auditLog({ to: startedAt.toISOString(), limit: 200 });
    expect(before.events.map((e) => e.entityId)).toEqual(written.map(([, id]) => id).reverse());
    const refused = await failureOf(
      admin.admin.auditLog({ from: startedAt.toISOString(), to: startedAt.toISOString() }),
    );
    expect(refused).toEqual({ code: "BAD_REQUEST", fields: ["to"] });
  });

  it("pages a filtered log without repeats while new events are written", async () => {
    const first = await admin.admin.auditLog({ entity: "POSITION", limit: 3 });
    // A change written after the first page is newer than it: the next pages never show it.
    const { symbol } = await fixture.database.db.instrument.findFirstOrThrow({
      where: { tenant: { slug: "northwind" }, assetClass: "EQUITY" },
    });
    const maya = await callerWith(fixture, "maya@northwind.example.com", {
      clock: steppingClock(startedAt.getTime() + 24 * 60 * 60_000),
    });
    const late = await maya.positions.open({ symbol, quantity: 1 });
    const seen = first.events.map((e) => e.entityId);
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await admin.admin.auditLog({ entity: "POSITION", limit: 3, cursor });
      seen.push(...page.events.map((e) => e.entityId));
      cursor = page.nextCursor;
    }
    expect(seen).not.toContain(late.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual([mayaPosition, ...written.map(([, id]) => id)].sort());
  });

  it("answers another tenant's admin NOT_FOUND for a person of this tenant", async () => {
    const harborAdmin = await fixture.callerAs("admin@harbor.example.com");
    expect((await failureOf(harborAdmin.admin.auditLog({ actorId: ids.maya }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await harborAdmin.admin.auditLog({ entityId: limitId })).events).toEqual([]);
  });
});

describe("admin.auditActors", () => {
  it("lists the tenant's people who made changes, by name, and no one of another tenant", async () => {
    const { actors } = await admin.admin.auditActors();
    expect(actors.map((a) => a.name)).toEqual(["Avery Admin", "Maya Chen"]);
    const harborAdmin = await fixture.callerAs("admin@harbor.example.com");
    const theirs = await harborAdmin.admin.auditActors();
    expect(theirs.actors.map((a) => a.id)).not.toContain(ids.maya);
  });
});
