import { randomUUID } from "node:crypto";
import { DEMO_PASSWORD } from "@repo/db/demo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInnerContext } from "./context.ts";
import { createCaller } from "./root.ts";
import { type ApiFixture, createApiFixture } from "./testing/api-fixture.ts";
import { viewerOf } from "./testing/caller-with.ts";

/**
 * Every procedure × every kind of caller, all aimed at one trader's book (Maya's, at Northwind):
 * who gets through, with which code, and that a refusal reveals nothing — not even, across
 * tenants, whether the thing asked for exists.
 */

type Caller = ReturnType<typeof createCaller>;
type Actor = "anonymous" | "owner" | "colleague" | "admin" | "foreignTrader" | "foreignAdmin";
type Outcome = "OK" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND";

const EMAILS: Record<Exclude<Actor, "anonymous">, string> = {
  owner: "maya@northwind.example.com",
  colleague: "jonas@northwind.example.com",
  admin: "admin@northwind.example.com",
  foreignTrader: "ethan@harbor.example.com",
  foreignAdmin: "admin@harbor.example.com",
};

let fixture: ApiFixture;
const callers = {} as Record<Actor, Caller>;
let maya: { tenantId: string; userId: string };
let northwindLimitType = 0;

beforeAll(async () => {
  fixture = await createApiFixture();
  callers.anonymous = fixture.anonymous();
  for (const [actor, email] of Object.entries(EMAILS)) {
    callers[actor as Actor] = await fixture.callerAs(email);
  }
  const viewer = await viewerOf(fixture, EMAILS.owner);
  maya = { tenantId: viewer.tenantId, userId: viewer.userId };
});
afterAll(() => fixture.close());

const db = () => fixture.database.db;

/** Fresh rows in Maya's book, so a call that is allowed has something of its own to change. */
const fresh = {
  async limit() {
    const limit = await db().riskLimit.create({
      data: {
        id: randomUUID(),
        tenantId: maya.tenantId,
        traderId: maya.userId,
        type: "MAX_LEVERAGE",
        threshold: 10 + northwindLimitType++,
        severity: "SOFT",
      },
    });
    return { id: limit.id, version: limit.version };
  },
  async position() {
    const instrument = await db().instrument.findFirstOrThrow({
      where: { tenantId: maya.tenantId },
    });
    const position = await db().position.create({
      data: {
        id: randomUUID(),
        tenantId: maya.tenantId,
        traderId: maya.userId,
        instrumentId: instrument.id,
        quantity: 1,
        averagePrice: instrument.lastPrice,
      },
    });
    return position.id;
  },
  async alert() {
    const limit = await fresh.limit();
    const alert = await db().riskAlert.create({
      data: {
        id: randomUUID(),
        tenantId: maya.tenantId,
        traderId: maya.userId,
        limitId: limit.id,
        level: "WARN",
        value: 9,
        threshold: 10,
        message: "Leverage at 90% of its limit",
      },
    });
    return alert.id;
  },
  async profileVersion() {
    return (await db().riskProfile.findFirstOrThrow({ where: { traderId: maya.userId } })).version;
  },
};

// Maya's seeded position limit names her largest holding; a book-wide one is hers to add once.
const LIMIT_FIELDS = {
  type: "MAX_POSITION_NOTIONAL",
  threshold: 1_000_000,
  warnFraction: 0.8,
  severity: "HARD",
  symbol: null,
  active: true,
} as const;

const PROFILE_FIELDS = {
  riskTolerance: "MODERATE",
  varConfidence: 0.95,
  lookbackDays: 250,
  maxDrawdownTolerance: 0.2,
} as const;

/** A call of one procedure about Maya's book; `traderId` is hers unless told otherwise. */
type Call = (caller: Caller, traderId: string | undefined) => Promise<unknown>;

const readsOfTheBook: Record<string, Call> = {
  "risk.dashboard": (c, traderId) => c.risk.dashboard({ traderId }),
  "risk.chart": (c, traderId) => c.risk.chart({ traderId }),
  "risk.whatIf": (c, traderId) => c.risk.whatIf({ traderId, symbol: "RDX", quantity: 1 }),
  "risk.stress": (c, traderId) => c.risk.stress({ traderId }),
  "risk.profile.get": (c, traderId) => c.risk.profile.get({ traderId }),
  "risk.limits.list": (c, traderId) => c.risk.limits.list({ traderId }),
  "risk.alerts.list": (c, traderId) => c.risk.alerts.list({ traderId }),
  "risk.alerts.history": (c, traderId) => c.risk.alerts.history({ traderId }),
  "positions.list": (c, traderId) => c.positions.list({ traderId }),
};

const tradersOwnChanges: Record<string, Call> = {
  "positions.open": (c, traderId) => c.positions.open({ traderId, symbol: "RDX", quantity: 1 }),
  "positions.close": async (c, traderId) =>
    c.positions.close({ traderId, positionId: await fresh.position() }),
  "risk.alerts.acknowledge": async (c, traderId) =>
    c.risk.alerts.acknowledge({ traderId, alertId: await fresh.alert(), note: "Reducing." }),
};

const adminChanges: Record<string, (c: Caller, traderId: string) => Promise<unknown>> = {
  "risk.profile.update": async (c, traderId) =>
    c.risk.profile.update({ traderId, version: await fresh.profileVersion(), ...PROFILE_FIELDS }),
  "risk.limits.create": (c, traderId) => c.risk.limits.create({ traderId, ...LIMIT_FIELDS }),
  // The fresh limit keeps what it measures: a second limit of one type and symbol is refused.
  "risk.limits.update": async (c, traderId) =>
    c.risk.limits.update({
      traderId,
      ...(await fresh.limit()),
      ...LIMIT_FIELDS,
      type: "MAX_LEVERAGE",
      threshold: 3,
    }),
  "risk.limits.delete": async (c, traderId) =>
    c.risk.limits.delete({ traderId, ...(await fresh.limit()) }),
};

/** About a trader's account rather than their book; only their tenant's admins may ask. */
const accountAdministration: Record<string, (c: Caller, traderId: string) => Promise<unknown>> = {
  "admin.signInState": (c, traderId) => c.admin.signInState({ traderId }),
  "admin.unlockSignIn": (c, traderId) => c.admin.unlockSignIn({ traderId }),
  // The audit log of one trader's book, and of the changes one person made.
  "admin.auditLog (trader)": (c, traderId) => c.admin.auditLog({ traderId }),
  "admin.auditLog (person)": (c, actorId) => c.admin.auditLog({ actorId }),
};

const tenantAdministration: Record<string, (c: Caller) => Promise<unknown>> = {
  "admin.traders": (c) => c.admin.traders(),
  "admin.auditLog": (c) => c.admin.auditLog({}),
  "admin.auditActors": (c) => c.admin.auditActors(),
  "admin.cacheStats": (c) => c.admin.cacheStats(),
  "admin.cacheDeployment": (c) => c.admin.cacheDeployment(),
  "admin.warmUp": (c) => c.admin.warmUp(),
  "admin.invalidateTenant": (c) => c.admin.invalidateTenant(),
  "admin.scenarios.list": (c) => c.admin.scenarios.list(),
  "admin.scenarios.create": (c) => c.admin.scenarios.create(marketScenario()),
  // Each admin removes a scenario of their own firm (another firm's is in the test below).
  "admin.scenarios.delete": async (c) =>
    c.admin.scenarios.delete({ id: (await c.admin.scenarios.create(marketScenario())).id }),
  "admin.people.list": (c) => c.admin.people.list(),
  // Each admin adds a trader to their own firm.
  "admin.people.add": (c) =>
    c.admin.people.add({
      name: "New Trader",
      email: `new-${randomUUID()}@example.com`,
      startingCash: 1_000,
      profile: PROFILE_FIELDS,
      copyLimitsFrom: null,
    }),
  "admin.tokens.list": (c) => c.admin.tokens.list(),
  "admin.tokens.create": (c) => c.admin.tokens.create(pricesToken()),
  // Each admin revokes a token of their own firm (another firm's is in the test below).
  "admin.tokens.revoke": async (c) =>
    c.admin.tokens.revoke({ tokenId: (await c.admin.tokens.create(pricesToken())).token.id }),
  "admin.tokens.uses": (c) => c.admin.tokens.uses(),
  "admin.settings.priceSource.get": (c) => c.admin.settings.priceSource.get(),
  // The default again: the setting is each firm's own, and the other tests keep theirs.
  "admin.settings.priceSource.set": (c) =>
    c.admin.settings.priceSource.set({ priceSource: "SIMULATED" }),
  "admin.alertsOut.settings": (c) => c.admin.alertsOut.settings(),
  "admin.alertsOut.setWebhook": (c) => c.admin.alertsOut.setWebhook({ url: REFUSING_WEBHOOK }),
  "admin.alertsOut.rotateSecret": async (c) => {
    await c.admin.alertsOut.setWebhook({ url: REFUSING_WEBHOOK });
    return c.admin.alertsOut.rotateSecret();
  },
  "admin.alertsOut.setEmail": (c) => c.admin.alertsOut.setEmail({ recipients: [] }),
  // Sent to a port nothing listens on: the call answers with the refusal, no network leaves.
  "admin.alertsOut.sendTest": async (c) => {
    await c.admin.alertsOut.setWebhook({ url: REFUSING_WEBHOOK });
    return c.admin.alertsOut.sendTest();
  },
  "admin.alertsOut.deliveries": (c) => c.admin.alertsOut.deliveries({}),
};

/** A token any firm can make: a name of its own each time. */
function pricesToken() {
  return { name: `Feed ${randomUUID()}`, scopes: ["PRICES" as const] };
}

/** An https webhook on this machine's discard port, where no one listens. */
const REFUSING_WEBHOOK = "https://127.0.0.1:9/hooks";

/**
 * About a person's account rather than a book: each call is aimed at a Northwind trader of its
 * own (it ends their sessions), not at Maya.
 */
const personAdministration: Record<string, (c: Caller, userId: string) => Promise<unknown>> = {
  "admin.people.deactivate": (c, userId) => c.admin.people.deactivate({ userId }),
  "admin.people.reactivate": (c, userId) => c.admin.people.reactivate({ userId }),
  "admin.people.resetPassword": (c, userId) => c.admin.people.resetPassword({ userId }),
};

/** A trader of Northwind no other test reads. */
async function freshTrader(): Promise<string> {
  const id = randomUUID();
  await db().user.create({
    data: {
      id,
      tenantId: maya.tenantId,
      email: `${id}@northwind.example.com`,
      name: "Fresh Trader",
      role: "TRADER",
      passwordHash: "not a hash anyone signs in with",
    },
  });
  return id;
}

/** A scenario any firm can define: it names no sector or symbol. */
function marketScenario() {
  return { name: `Crash ${randomUUID()}`, moves: [{ on: "MARKET" as const, move: -0.3 }] };
}

describe("a firm scenario deleted by another firm's admin", () => {
  it("is NOT_FOUND, as for an id that does not exist, and stays", async () => {
    const ours = await callers.admin.admin.scenarios.create(marketScenario());
    const theirs = await outcomeOf(callers.foreignAdmin.admin.scenarios.delete({ id: ours.id }));
    const nobody = await outcomeOf(
      callers.foreignAdmin.admin.scenarios.delete({ id: randomUUID() }),
    );
    expect(theirs).toEqual({ code: "NOT_FOUND", message: nobody.message });
    expect(await db().stressScenario.findUnique({ where: { id: ours.id } })).not.toBeNull();
  });
});

describe("a firm's API token revoked by another firm's admin", () => {
  it("is NOT_FOUND, as for an id that does not exist, and stays live", async () => {
    const { token } = await callers.admin.admin.tokens.create(pricesToken());
    const theirs = await outcomeOf(callers.foreignAdmin.admin.tokens.revoke({ tokenId: token.id }));
    const nobody = await outcomeOf(
      callers.foreignAdmin.admin.tokens.revoke({ tokenId: randomUUID() }),
    );
    expect(theirs).toEqual({ code: "NOT_FOUND", message: nobody.message });
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.revokedAt).toBeNull();
    // Nor is it in their list.
    const list = await callers.foreignAdmin.admin.tokens.list();
    expect(list.map((listed) => listed.id)).not.toContain(token.id);
  });
});

async function outcomeOf(
  call: Promise<unknown>,
): Promise<{ code: Outcome; message: string; value?: unknown }> {
  try {
    return { code: "OK", message: "", value: await call };
  } catch (error) {
    const { code, message } = error as { code: Outcome; message: string };
    return { code, message };
  }
}

const ON_THE_BOOK: Record<Actor, Outcome> = {
  anonymous: "UNAUTHORIZED",
  owner: "OK",
  colleague: "FORBIDDEN",
  admin: "OK",
  foreignTrader: "FORBIDDEN",
  foreignAdmin: "NOT_FOUND",
};
const ADMIN_ON_THE_BOOK: Record<Actor, Outcome> = { ...ON_THE_BOOK, owner: "FORBIDDEN" };
const ADMINISTRATION: Record<Actor, Outcome> = {
  anonymous: "UNAUTHORIZED",
  owner: "FORBIDDEN",
  colleague: "FORBIDDEN",
  admin: "OK",
  foreignTrader: "FORBIDDEN",
  foreignAdmin: "OK",
};
const ACTORS = Object.keys(ON_THE_BOOK) as Actor[];

describe.each([
  ...Object.entries(readsOfTheBook).map(([name, call]) => ({ name, call, expected: ON_THE_BOOK })),
  ...Object.entries(tradersOwnChanges).map(([name, call]) => ({
    name,
    call,
    expected: ON_THE_BOOK,
  })),
  ...Object.entries(adminChanges).map(([name, call]) => ({
    name,
    call: call as Call,
    expected: ADMIN_ON_THE_BOOK,
  })),
  ...Object.entries(accountAdministration).map(([name, call]) => ({
    name,
    call: call as Call,
    expected: ADMIN_ON_THE_BOOK,
  })),
])("$name on Maya's book", ({ call, expected }) => {
  it.each(ACTORS)("as %s", async (actor) => {
    const outcome = await outcomeOf(call(callers[actor], maya.userId));
    expect(outcome.code).toBe(expected[actor]);
    if (outcome.code === "OK") return;
    // A refusal carries a sentence and nothing of the book.
    expect(JSON.stringify(outcome)).not.toContain(maya.tenantId);
    // Asking about a trader who does not exist gets the very same answer: a refusal never
    // tells whether the id it refused belongs to someone.
    const nobody = await outcomeOf(call(callers[actor], randomUUID()));
    expect({ code: nobody.code, message: nobody.message }).toEqual({
      code: outcome.code,
      message: outcome.message,
    });
  });
});

describe.each(Object.entries(personAdministration))("%s on a Northwind trader", (_, call) => {
  it.each(ACTORS)("as %s", async (actor) => {
    const outcome = await outcomeOf(call(callers[actor], await freshTrader()));
    expect(outcome.code).toBe(ADMIN_ON_THE_BOOK[actor]);
    if (outcome.code === "OK") return;
    const nobody = await outcomeOf(call(callers[actor], randomUUID()));
    expect({ code: nobody.code, message: nobody.message }).toEqual({
      code: outcome.code,
      message: outcome.message,
    });
  });
});

describe("a session on a temporary password", () => {
  /** Maya's or Northwind's admin's session, as it is until they choose their own password. */
  async function temporary(email: string): Promise<Caller> {
    const viewer = await viewerOf(fixture, email);
    return createCaller(
      createInnerContext({ deps: fixture.deps, viewer: { ...viewer, mustChangePassword: true } }),
    );
  }

  it("may only change the password, ask who it is and sign out: the rest is FORBIDDEN", async () => {
    const trader = await temporary(EMAILS.owner);
    const admin = await temporary(EMAILS.admin);
    const calls: (() => Promise<unknown>)[] = [
      ...Object.values(readsOfTheBook).map((call) => () => call(trader, undefined)),
      ...Object.values(tradersOwnChanges).map((call) => () => call(trader, undefined)),
      ...Object.values(adminChanges).map((call) => () => call(admin, maya.userId)),
      ...Object.values(accountAdministration).map((call) => () => call(admin, maya.userId)),
      ...Object.values(tenantAdministration).map((call) => () => call(admin)),
      ...Object.values(personAdministration).map(
        (call) => async () => call(admin, await freshTrader()),
      ),
    ];
    for (const call of calls) {
      expect(await outcomeOf(call())).toEqual({
        code: "FORBIDDEN",
        message: "Choose a new password first: you signed in with a temporary one.",
      });
    }
    expect(await trader.auth.me()).toMatchObject({ mustChangePassword: true });
    expect(await outcomeOf(trader.auth.logout())).toMatchObject({ code: "OK" });
  });
});

describe("a row of Maya's addressed by id alone", () => {
  const byId: Record<string, (c: Caller, id: string) => Promise<unknown>> = {
    "positions.close": (c, id) => c.positions.close({ positionId: id }),
    "risk.alerts.acknowledge": (c, id) =>
      c.risk.alerts.acknowledge({ alertId: id, note: "Mine now." }),
  };
  const rows = { "positions.close": fresh.position, "risk.alerts.acknowledge": fresh.alert };

  it.each(
    Object.keys(byId).flatMap((name) =>
      (["colleague", "foreignTrader"] as const).map((actor) => [name, actor]),
    ),
  )(
    "%s as %s is NOT_FOUND, as for an id that does not exist, and changes nothing",
    async (name, actor) => {
      const call = byId[name] as (c: Caller, id: string) => Promise<unknown>;
      const id = await rows[name as keyof typeof rows]();
      const theirs = await outcomeOf(call(callers[actor as Actor], id));
      const nobody = await outcomeOf(call(callers[actor as Actor], randomUUID()));
      expect(theirs.code).toBe("NOT_FOUND");
      expect(theirs.message).toBe(nobody.message);
      const position = await db().position.findUnique({ where: { id } });
      const alert = await db().riskAlert.findUnique({ where: { id } });
      expect(position?.closedAt ?? alert?.acknowledgedAt ?? null).toBeNull();
    },
  );
});

describe.each(Object.entries(tenantAdministration))("%s", (_, call) => {
  it.each(ACTORS)("as %s", async (actor) => {
    const outcome = await outcomeOf(call(callers[actor]));
    expect(outcome.code).toBe(ADMINISTRATION[actor]);
    // Harbor's admin is served Harbor's data only.
    if (actor === "foreignAdmin")
      expect(JSON.stringify(outcome.value ?? null)).not.toContain(maya.tenantId);
    if (actor === "foreignAdmin")
      expect(JSON.stringify(outcome.value ?? null)).not.toContain(maya.userId);
  });
});

describe("auth", () => {
  it("answers me for everyone (null when signed out) and logout only with a session", async () => {
    expect(await callers.anonymous.auth.me()).toBeNull();
    expect(await callers.owner.auth.me()).toMatchObject({ userId: maya.userId });
    await expect(callers.anonymous.auth.logout()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it.each(ACTORS)(
    "auth.changePassword as %s: only with a session, only one's own",
    async (actor) => {
      const change = (from: string, to: string) =>
        callers[actor].auth.changePassword({ currentPassword: from, newPassword: to });
      const outcome = await outcomeOf(change(DEMO_PASSWORD, "a password for a moment"));
      expect(outcome.code).toBe(actor === "anonymous" ? "UNAUTHORIZED" : "OK");
      // Put back: the other tests of this file sign the demo users in with the demo password.
      if (outcome.code === "OK") await change("a password for a moment", DEMO_PASSWORD);
    },
  );
});
