import { DEMO_PASSWORD } from "@repo/db/demo";
import { parseRedisConfig } from "@repo/risk-cache";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInnerContext } from "../../context.ts";
import { createCaller } from "../../root.ts";
import {
  type ApiFixture,
  connectWhenReady,
  createApiFixture,
  TEST_REDIS_URL,
} from "../../testing/api-fixture.ts";
import { createLoginLimiter } from "./login-limiter.ts";
import { findViewer } from "./sessions.ts";

let fixture: ApiFixture;
beforeAll(async () => {
  fixture = await createApiFixture();
});
afterAll(() => fixture.close());

/** Signs in through auth.login and returns the token the cookie would carry. */
async function signIn(email: string, password = DEMO_PASSWORD, address = "10.0.0.1") {
  let token: string | null = null;
  const caller = createCaller(
    createInnerContext({
      deps: fixture.deps,
      address,
      session: {
        set: (value) => {
          token = value;
        },
        clear() {},
      },
    }),
  );
  const result = await caller.auth.login({ email, password });
  return { result, token: token as unknown as string };
}

describe("auth.login", () => {
  it("opens a session whose token is stored only as a hash, and me names the user", async () => {
    const { result, token } = await signIn("Maya@Northwind.example.com ");
    expect(result).toMatchObject({ name: "Maya Chen", role: "TRADER" });
    const sessions = await fixture.database.db.session.findMany({
      where: { userId: result.userId },
    });
    expect(sessions.some((s) => s.tokenHash === token)).toBe(false);
    const viewer = await findViewer(fixture.deps.db, token, new Date());
    const me = await createCaller(createInnerContext({ deps: fixture.deps, viewer })).auth.me();
    expect(me).toMatchObject({
      email: "maya@northwind.example.com",
      role: "TRADER",
      tenant: { name: "Northwind Capital" },
    });
  });

  it("gives one answer for an unknown email, a wrong password and a deactivated account", async () => {
    await fixture.database.db.user.update({
      where: { email: "lucas@northwind.example.com" },
      data: { active: false },
    });
    const attempts = [
      () => signIn("nobody@northwind.example.com", DEMO_PASSWORD, "10.0.1.1"),
      () => signIn("priya@northwind.example.com", "wrong password", "10.0.1.2"),
      () => signIn("lucas@northwind.example.com", DEMO_PASSWORD, "10.0.1.3"),
    ];
    for (const attempt of attempts) {
      await expect(attempt()).rejects.toMatchObject({
        code: "UNAUTHORIZED",
        message: "The email or password is not right.",
      });
    }
  });

  it("is anonymous until signed in: me is null and signed-in procedures are UNAUTHORIZED", async () => {
    expect(await fixture.anonymous().auth.me()).toBeNull();
    await expect(fixture.anonymous().risk.metrics()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});

describe("sign-in rate limits", () => {
  it("locks an account after five failures, even for the right password, and not its neighbours", async () => {
    for (let i = 0; i < 5; i++) {
      await expect(
        signIn("sofia@northwind.example.com", "guess", `10.1.0.${i}`),
      ).rejects.toMatchObject({
        code: "UNAUTHORIZED",
      });
    }
    await expect(
      signIn("sofia@northwind.example.com", DEMO_PASSWORD, "10.1.1.1"),
    ).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: "Too many failed sign-ins. Try again in 15 minutes.",
    });
    await expect(signIn("jonas@northwind.example.com")).resolves.toMatchObject({
      result: { name: "Jonas Weber" },
    });
  });

  it("counts failures in Redis, so two servers share one budget per address", async () => {
    const redis = parseRedisConfig(TEST_REDIS_URL);
    // A single node or a cluster: the limiter's keys are single-key commands, so they need no
    // hash tag to work on a cluster.
    if (redis.mode === "memory") throw new Error("TEST_REDIS_URL is not set to a Redis");
    const clients = await Promise.all([connectWhenReady(redis), connectWhenReady(redis)]);
    const prefix = `test-login-${Date.now()}`;
    const limits = { perAccount: 100, perAddress: 3, windowSeconds: 60 };
    const [serverA, serverB] = clients.map((client) => createLoginLimiter(client, limits, prefix));
    try {
      await serverA?.recordFailure("a@example.com", "10.9.9.9");
      await serverB?.recordFailure("b@example.com", "10.9.9.9");
      expect(await serverA?.retryAfterSeconds("c@example.com", "10.9.9.9")).toBe(0);
      await serverA?.recordFailure("c@example.com", "10.9.9.9");
      expect(await serverB?.retryAfterSeconds("d@example.com", "10.9.9.9")).toBeGreaterThan(0);
      expect(await serverB?.retryAfterSeconds("d@example.com", "10.9.9.8")).toBe(0);
    } finally {
      await Promise.all(clients.map((client) => client.quit()));
    }
  });
});

describe("sessions", () => {
  it("ends at its expiry", async () => {
    const { token } = await signIn("jonas@northwind.example.com");
    const hourAndMinute = new Date(Date.now() + fixture.deps.sessions.ttlMs + 60_000);
    expect(await findViewer(fixture.deps.db, token, new Date())).not.toBeNull();
    expect(await findViewer(fixture.deps.db, token, hourAndMinute)).toBeNull();
  });

  it("logout revokes the session and drops everything cached for the user", async () => {
    const { token } = await signIn("ethan@harbor.example.com");
    const viewer = await findViewer(fixture.deps.db, token, new Date());
    const caller = createCaller(createInnerContext({ deps: fixture.deps, viewer }));
    await caller.risk.metrics();
    expect((await caller.risk.metrics()).freshness.source).toBe("memory");

    let cleared = false;
    await createCaller(
      createInnerContext({
        deps: fixture.deps,
        viewer,
        session: {
          set() {},
          clear: () => {
            cleared = true;
          },
        },
      }),
    ).auth.logout();
    expect(cleared).toBe(true);
    expect(await findViewer(fixture.deps.db, token, new Date())).toBeNull();

    const again = await fixture.callerAs("ethan@harbor.example.com");
    expect((await again.risk.metrics()).freshness.source).toBe("computed");
  });
});
