import { RiskCache } from "@repo/risk-cache";
import { afterEach, describe, expect, it } from "vitest";
import { API_CACHE_POLICY } from "../../cache-policy.ts";
import { LiveSessions } from "./live-sessions.ts";
import type { SessionRecord, Viewer } from "./sessions.ts";

const maya: Viewer = {
  sessionId: "s1",
  userId: "maya",
  tenantId: "northwind",
  role: "TRADER",
  name: "Maya",
  email: "maya@northwind.example.com",
  tenant: { name: "Northwind Capital", slug: "northwind" },
  mustChangePassword: false,
};
const token = "a-token-long-enough-to-be-plausible";
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 30, 9, 0, seconds));
const record: SessionRecord = { viewer: maya, expiresAt: at(600) };

/** The sessions table as the memo sees it: what a lookup answers, and how often it was asked. */
function sessionsTable(answer: SessionRecord | null = record) {
  const table = {
    answer,
    lookups: 0,
    lookUp: async () => {
      table.lookups++;
      return table.answer;
    },
  };
  return table;
}

let caches: RiskCache[] = [];
afterEach(async () => {
  await Promise.all(caches.map((cache) => cache.close()));
  caches = [];
});
async function cache(options: { disabled?: boolean } = {}) {
  const created = await RiskCache.create({ ...API_CACHE_POLICY, ...options });
  caches.push(created);
  return created;
}

describe("live sessions", () => {
  it("asks PostgreSQL once, then again only after the recheck interval", async () => {
    const live = new LiveSessions(await cache(), { recheckMs: 60_000 });
    const table = sessionsTable();
    expect(await live.viewer(token, at(0), table.lookUp)).toEqual(maya);
    expect(await live.viewer(token, at(59), table.lookUp)).toEqual(maya);
    expect(table.lookups).toBe(1);
    expect(await live.viewer(token, at(61), table.lookUp)).toEqual(maya);
    expect(table.lookups).toBe(2);
  });

  it("serves a remembered session to a lookup that does not remember, and adds none from it", async () => {
    const live = new LiveSessions(await cache());
    const table = sessionsTable();
    expect(await live.viewer(token, at(0), table.lookUp, { remember: false })).toEqual(maya);
    expect(await live.viewer(token, at(1), table.lookUp, { remember: false })).toEqual(maya);
    expect(table.lookups).toBe(2);
    expect(await live.viewer(token, at(2), table.lookUp)).toEqual(maya);
    expect(await live.viewer(token, at(3), table.lookUp, { remember: false })).toEqual(maya);
    expect(table.lookups).toBe(3);
  });

  it("forgets a session when its user, tenant or everything is invalidated", async () => {
    const shared = await cache();
    const live = new LiveSessions(shared);
    const table = sessionsTable();
    const invalidations = [
      () => shared.invalidateUser({ tenantId: "northwind", userId: "maya" }),
      () => shared.invalidateTenant("northwind"),
      () => shared.clearNamespace(),
    ];
    for (const invalidate of invalidations) {
      await live.viewer(token, at(0), table.lookUp);
      const before = table.lookups;
      await invalidate();
      table.answer = null; // signed out in the meantime
      expect(await live.viewer(token, at(1), table.lookUp)).toBeNull();
      expect(table.lookups).toBe(before + 1);
      table.answer = record;
    }
  });

  it("keeps a session when only someone else, or one cached value, is invalidated", async () => {
    const shared = await cache();
    const live = new LiveSessions(shared);
    const table = sessionsTable();
    await live.viewer(token, at(0), table.lookUp);
    await shared.invalidateUser({ tenantId: "northwind", userId: "jonas" });
    await shared.invalidateTenant("harbor");
    await shared.invalidate("metrics", { tenantId: "northwind", userId: "maya" });
    await live.viewer(token, at(1), table.lookUp);
    expect(table.lookups).toBe(1);
  });

  it("does not remember an answer read before a sign-out it may predate", async () => {
    const shared = await cache();
    const live = new LiveSessions(shared);
    let answer: (record: SessionRecord) => void = () => undefined;
    const slowLookup = () =>
      new Promise<SessionRecord>((resolve) => {
        answer = resolve;
      });
    const reading = live.viewer(token, at(0), slowLookup);
    await shared.invalidateUser({ tenantId: "northwind", userId: "maya" });
    answer(record);
    expect(await reading).toEqual(maya);
    const table = sessionsTable(null);
    expect(await live.viewer(token, at(1), table.lookUp)).toBeNull();
    expect(table.lookups).toBe(1);
  });

  it("never trusts what it remembers while the cache cannot carry invalidations", async () => {
    const live = new LiveSessions(await cache({ disabled: true }));
    const table = sessionsTable();
    await live.viewer(token, at(0), table.lookUp);
    await live.viewer(token, at(1), table.lookUp);
    expect(table.lookups).toBe(2);
  });

  it("drops a session at its expiry and when PostgreSQL no longer knows it", async () => {
    const live = new LiveSessions(await cache());
    const table = sessionsTable();
    await live.viewer(token, at(0), table.lookUp);
    table.answer = null;
    expect(await live.viewer(token, at(600), table.lookUp)).toBeNull();
    expect(table.lookups).toBe(2);
  });
});
