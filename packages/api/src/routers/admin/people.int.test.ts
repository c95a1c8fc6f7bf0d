import { randomUUID } from "node:crypto";
import { DEMO_PASSWORD } from "@repo/db/demo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInnerContext } from "../../context.ts";
import { createCaller } from "../../root.ts";
import { LiveSessions } from "../../services/auth/live-sessions.ts";
import { findSession, findViewer } from "../../services/auth/sessions.ts";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { failureOf, viewerOf } from "../../testing/caller-with.ts";

type Caller = ReturnType<typeof createCaller>;

let fixture: ApiFixture;
let admin: Caller;
let ids: Record<"admin" | "jonas" | "ethan", string>;
beforeAll(async () => {
  fixture = await createApiFixture();
  admin = await fixture.callerAs("admin@northwind.example.com");
  ids = {
    admin: (await viewerOf(fixture, "admin@northwind.example.com")).userId,
    jonas: (await viewerOf(fixture, "jonas@northwind.example.com")).userId,
    ethan: (await viewerOf(fixture, "ethan@harbor.example.com")).userId,
  };
});
afterAll(() => fixture.close());

const db = () => fixture.database.db;

const PROFILE = {
  riskTolerance: "MODERATE",
  varConfidence: 0.99,
  lookbackDays: 120,
  maxDrawdownTolerance: 0.15,
} as const;

/** A trader added by Northwind's admin, with a fresh email; their temporary password. */
async function addTrader(copyLimitsFrom: string | null = null) {
  const email = `new-${randomUUID().slice(0, 8)}@northwind.example.com`;
  const added = await admin.admin.people.add({
    name: "Nora New",
    email,
    startingCash: 250_000,
    profile: PROFILE,
    copyLimitsFrom,
  });
  return { ...added, email };
}

/** Signs in through auth.login; the session's token, or the refusal's code and sentence. */
async function signIn(email: string, password: string) {
  let token = "";
  const session = {
    set: (value: string) => {
      token = value;
    },
    clear() {},
  };
  try {
    await createCaller(createInnerContext({ deps: fixture.deps, session })).auth.login({
      email,
      password,
    });
    return { token, refused: null };
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { token: "", refused: { code, message } };
  }
}

/** The code and sentence a call was refused with. */
async function refusalOf(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await call.then(
    () => ({ code: "OK", message: "" }),
    (refused: { code: string; message: string }) => refused,
  );
  return { code: error.code, message: error.message };
}

/** The caller a request with this session's cookie gets, as the HTTP context builds it. */
async function callerOf(token: string): Promise<Caller> {
  const viewer = await findViewer(fixture.deps.db, token, new Date());
  return createCaller(createInnerContext({ deps: fixture.deps, viewer }));
}

/** Who an instance whose sessions are `live` says the token is: remembered or looked up. */
const seenBy = (live: LiveSessions, token: string) =>
  live.viewer(token, new Date(), () => findSession(fixture.deps.db, token, new Date()));

describe("admin.people.add", () => {
  it("adds a trader with an account, a profile and a copy of another trader's active limits", async () => {
    const jonasLimits = await db().riskLimit.findMany({
      where: { traderId: ids.jonas, active: true },
    });
    expect(jonasLimits.length).toBeGreaterThan(0);
    const { person, temporaryPassword, email } = await addTrader(ids.jonas);
    expect(person).toMatchObject({
      name: "Nora New",
      email,
      role: "TRADER",
      active: true,
      mustChangePassword: true,
      locked: false,
    });
    const account = await db().account.findFirstOrThrow({ where: { traderId: person.id } });
    expect(account.cash.toNumber()).toBe(250_000);
    const profile = await db().riskProfile.findFirstOrThrow({ where: { traderId: person.id } });
    expect(profile).toMatchObject({ riskTolerance: "MODERATE", lookbackDays: 120 });
    const copied = await db().riskLimit.findMany({ where: { traderId: person.id } });
    const measure = (l: {
      type: string;
      symbol: string | null;
      threshold: { toNumber(): number };
    }) => `${l.type} ${l.symbol} ${l.threshold.toNumber()}`;
    expect(copied.map(measure).sort()).toEqual(jonasLimits.map(measure).sort());

    const { events } = await admin.admin.auditLog({ traderId: person.id, limit: 50 });
    expect(events.filter((e) => e.entity === "LIMIT" && e.action === "CREATE")).toHaveLength(
      jonasLimits.length,
    );
    expect(events.find((e) => e.entity === "USER")).toMatchObject({
      action: "CREATE",
      entityId: person.id,
      actor: { name: "Avery Admin" },
      after: { name: "Nora New", email, startingCash: 250_000, limitsCopied: jonasLimits.length },
    });
    expect(JSON.stringify(events)).not.toContain(temporaryPassword);
  });

  it("lets the new trader in with the temporary password only to choose their own", async () => {
    const { person, temporaryPassword, email } = await addTrader();
    const { token } = await signIn(email, temporaryPassword);
    const nora = await callerOf(token);
    expect(await nora.auth.me()).toMatchObject({ userId: person.id, mustChangePassword: true });
    await expect(nora.risk.limits.list()).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Choose a new password first: you signed in with a temporary one.",
    });
    await nora.auth.changePassword({
      currentPassword: temporaryPassword,
      newPassword: "a password of my own",
    });
    const again = await callerOf(token);
    expect(await again.auth.me()).toMatchObject({ mustChangePassword: false });
    expect(await again.risk.limits.list()).toEqual(expect.anything());
    expect((await signIn(email, temporaryPassword)).refused?.code).toBe("UNAUTHORIZED");
    expect((await signIn(email, "a password of my own")).refused).toBeNull();
  });

  it("refuses an email someone signs in with already, of any firm, under the email field", async () => {
    const before = await db().user.count();
    for (const email of ["maya@northwind.example.com", "Ethan@Harbor.example.com"]) {
      const call = admin.admin.people.add({
        name: "Twin",
        email,
        startingCash: 0,
        profile: PROFILE,
        copyLimitsFrom: null,
      });
      await expect(call).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: "Someone already signs in with this email: use another.",
      });
      expect(await failureOf(call)).toMatchObject({ fields: ["email"] });
    }
    expect(await db().user.count()).toBe(before);
  });

  it("copies limits only from a trader of the firm: another firm's is NOT_FOUND, as a made-up id", async () => {
    const before = await db().user.count();
    const theirs = await failureOf(addTrader(ids.ethan));
    const nobody = await failureOf(addTrader(randomUUID()));
    expect(theirs).toEqual({ code: "NOT_FOUND", fields: [] });
    expect(nobody).toEqual(theirs);
    await expect(addTrader(ids.ethan)).rejects.toThrow(
      "The trader to copy limits from was not found.",
    );
    expect(await db().user.count()).toBe(before);
  });
});

describe("admin.people.deactivate and reactivate", () => {
  it("ends the trader's sessions on every instance at once; they cannot sign in; history stays", async () => {
    const { person, temporaryPassword, email } = await addTrader(ids.jonas);
    const { token } = await signIn(email, temporaryPassword);
    const here = fixture.deps.sessions.live;
    const there = new LiveSessions(await fixture.otherInstance());
    expect(await seenBy(here, token)).toMatchObject({ userId: person.id });
    expect(await seenBy(there, token)).toMatchObject({ userId: person.id });
    const limitsBefore = await db().riskLimit.count({ where: { traderId: person.id } });

    expect(await admin.admin.people.deactivate({ userId: person.id })).toMatchObject({
      active: false,
    });
    // Both instances forgot the session before deactivate returned, and PostgreSQL refuses it.
    expect(await seenBy(here, token)).toBeNull();
    expect(await seenBy(there, token)).toBeNull();
    const wrong = await signIn(email, "not the password");
    expect((await signIn(email, temporaryPassword)).refused).toEqual({
      code: "UNAUTHORIZED",
      message: wrong.refused?.message,
    });
    expect(await db().riskLimit.count({ where: { traderId: person.id } })).toBe(limitsBefore);

    const { events } = await admin.admin.auditLog({ traderId: person.id, limit: 1 });
    expect(events[0]).toMatchObject({
      entity: "USER",
      action: "UPDATE",
      before: { active: true },
      after: { active: false },
    });

    // Deactivating twice changes and records nothing more.
    await admin.admin.people.deactivate({ userId: person.id });
    expect((await admin.admin.auditLog({ traderId: person.id, limit: 1 })).events[0]?.id).toBe(
      events[0]?.id,
    );

    expect(await admin.admin.people.reactivate({ userId: person.id })).toMatchObject({
      active: true,
    });
    expect((await signIn(email, temporaryPassword)).refused).toBeNull();
    expect((await admin.admin.auditLog({ traderId: person.id, limit: 1 })).events[0]).toMatchObject(
      { before: { active: false }, after: { active: true } },
    );
  });

  it("refuses an admin deactivating themself", async () => {
    await expect(admin.admin.people.deactivate({ userId: ids.admin })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "You cannot deactivate your own account: ask another administrator to do it.",
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: ids.admin } })).active).toBe(true);
  });
});

describe("admin.people.resetPassword", () => {
  it("ends the person's sessions and gives a temporary password that must be changed", async () => {
    const { person, temporaryPassword: first, email } = await addTrader();
    const { token } = await signIn(email, first);
    await (await callerOf(token)).auth.changePassword({
      currentPassword: first,
      newPassword: "my chosen password",
    });
    const { token: mine } = await signIn(email, "my chosen password");
    expect(await seenBy(fixture.deps.sessions.live, mine)).not.toBeNull();

    const { temporaryPassword, person: after } = await admin.admin.people.resetPassword({
      userId: person.id,
    });
    expect(after).toMatchObject({ mustChangePassword: true });
    expect(temporaryPassword).not.toBe(first);
    expect(await seenBy(fixture.deps.sessions.live, mine)).toBeNull();
    expect((await signIn(email, "my chosen password")).refused?.code).toBe("UNAUTHORIZED");
    const { token: next } = await signIn(email, temporaryPassword);
    expect(await (await callerOf(next)).auth.me()).toMatchObject({ mustChangePassword: true });

    const { events } = await admin.admin.auditLog({ traderId: person.id, limit: 1 });
    expect(events[0]).toMatchObject({
      entity: "USER",
      action: "UPDATE",
      actor: { name: "Avery Admin" },
      before: { password: "own" },
      after: { password: "temporary" },
    });
  });

  it("refuses an admin's own password (changed with the current one) and another firm's person", async () => {
    expect(await failureOf(admin.admin.people.resetPassword({ userId: ids.admin }))).toMatchObject({
      code: "BAD_REQUEST",
    });
    const theirs = await refusalOf(admin.admin.people.resetPassword({ userId: ids.ethan }));
    const nobody = await refusalOf(admin.admin.people.resetPassword({ userId: randomUUID() }));
    expect(theirs).toEqual({ code: "NOT_FOUND", message: nobody.message });
    expect((await signIn("ethan@harbor.example.com", DEMO_PASSWORD)).refused).toBeNull();
  });
});

describe("admin.people.list", () => {
  it("lists everyone of the firm with their state, and no one of another firm", async () => {
    const { person: added } = await addTrader();
    const { person: gone } = await addTrader();
    await admin.admin.people.deactivate({ userId: gone.id });
    // Locked out: failures from many addresses pause the account everywhere.
    const { loginLimiter } = fixture.deps;
    const now = new Date();
    for (let i = 1; i <= 100; i++) {
      await loginLimiter.failed(await loginLimiter.attempt(added.email, `10.9.0.${i}`, now), now);
    }
    const people = await admin.admin.people.list();
    const byId = new Map(people.map((p) => [p.id, p]));
    expect(byId.get(added.id)).toMatchObject({
      active: true,
      locked: true,
      mustChangePassword: true,
    });
    expect(byId.get(gone.id)).toMatchObject({ active: false, locked: false });
    expect(byId.get(ids.admin)).toMatchObject({ role: "ADMIN", active: true });
    expect(byId.has(ids.ethan)).toBe(false);
    const names = people.map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));

    // Unlocking (the people screen's Unlock) shows in the list at once.
    await admin.admin.unlockSignIn({ traderId: added.id });
    const after = await admin.admin.people.list();
    expect(after.find((p) => p.id === added.id)).toMatchObject({ locked: false });
  });
});
