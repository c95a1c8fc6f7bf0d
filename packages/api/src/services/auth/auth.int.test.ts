import { DEMO_PASSWORD } from "@repo/db/demo";
import { type RedisServer, startRedisServer } from "@repo/risk-cache/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInnerContext } from "../../context.ts";
import { createCaller } from "../../root.ts";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { findViewer } from "./sessions.ts";

let fixture: ApiFixture;
beforeAll(async () => {
  // A minute in process memory: "the next read is served from memory" is then a fact, not a
  // race against the 2 s in-process TTL on a loaded machine.
  fixture = await createApiFixture({ memory: { ttlMs: 60_000 } });
});
afterAll(() => fixture.close());

/**
 * Signs in through auth.login from `address`, at `at` (the server's clock: a test moves it on
 * rather than wait for a pause to end), and returns the token the cookie would carry.
 */
async function signIn(
  email: string,
  password = DEMO_PASSWORD,
  address = "10.0.0.1",
  at?: Date,
  deps = fixture.deps,
) {
  let token: string | null = null;
  const caller = createCaller(
    createInnerContext({
      deps: at ? { ...deps, clock: () => at } : deps,
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

/** The code and sentence a sign-in is answered with. */
async function answerTo(signingIn: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await signingIn;
    return { code: "OK", message: "" };
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  }
}

const seconds = (from: number, count: number) => new Date(from + count * 1000);

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
    await expect(fixture.anonymous().risk.dashboard()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});

describe("sign-in limits", () => {
  it("pauses an account only from the address its password is guessed from, not its owner's", async () => {
    const t0 = Date.now();
    // Twenty seconds apart: each wrong password is tried once its slow-down is over.
    for (let i = 0; i < 5; i++) {
      await expect(
        signIn("sofia@northwind.example.com", "guess", "10.1.0.1", seconds(t0, i * 20)),
      ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
    // The owner, from their own address, signs in; the guesser's address stays paused.
    await expect(
      signIn("sofia@northwind.example.com", DEMO_PASSWORD, "10.1.1.1", seconds(t0, 100)),
    ).resolves.toMatchObject({ result: { name: "Sofia Alvarez" } });
    expect(
      await answerTo(
        signIn("sofia@northwind.example.com", DEMO_PASSWORD, "10.1.0.1", seconds(t0, 101)),
      ),
    ).toEqual({
      code: "TOO_MANY_REQUESTS",
      message:
        "Sign-in from here is paused after too many failed attempts. Try again in 15 minutes, or ask your administrator to unlock your account.",
    });
  });

  it("slows down, warns before pausing, then pauses: in the same words for an unknown email", async () => {
    const t0 = Date.now();
    const answers = async (email: string, address: string) => {
      const at = (second: number) => seconds(t0, second);
      const said = [];
      for (const second of [0, 1, 2, 3, 7, 22]) {
        said.push(await answerTo(signIn(email, "guess", address, at(second))));
      }
      said.push(await answerTo(signIn(email, DEMO_PASSWORD, address, at(60))));
      return said;
    };
    const priya = await answers("priya@northwind.example.com", "10.2.0.1");
    const nobody = await answers("nobody@northwind.example.com", "10.2.0.2");
    const notRight = "The email or password is not right.";
    expect(priya).toEqual([
      { code: "UNAUTHORIZED", message: notRight },
      { code: "UNAUTHORIZED", message: notRight },
      { code: "UNAUTHORIZED", message: `${notRight} Wait 5 seconds before trying again.` },
      {
        code: "TOO_MANY_REQUESTS",
        message: "Too many failed sign-ins from here. Try again in 4 seconds.",
      },
      {
        code: "UNAUTHORIZED",
        message: `${notRight} Wait 15 seconds before trying again. One more failed attempt will pause sign-in from here for 15 minutes.`,
      },
      {
        code: "UNAUTHORIZED",
        message: `${notRight} Sign-in from here is now paused for 15 minutes.`,
      },
      {
        code: "TOO_MANY_REQUESTS",
        message:
          "Sign-in from here is paused after too many failed attempts. Try again in 15 minutes, or ask your administrator to unlock your account.",
      },
    ]);
    expect(nobody).toEqual(priya);
  });
});

describe("sign-in while Redis does not answer", () => {
  let redis: RedisServer;
  let deaf: ApiFixture;
  beforeAll(async () => {
    redis = await startRedisServer();
    // The limiter's deadline, short: what this test shows is the outcome, not the wait.
    deaf = await createApiFixture({ redisUrl: redis.url, loginLimits: { redisTimeoutMs: 50 } });
  });
  afterAll(async () => {
    redis.resume();
    await deaf.close();
    await redis.stop();
  });

  it("signs in with the right password and still counts wrong ones, in memory", async () => {
    redis.pause();
    try {
      await expect(
        signIn("lucas@northwind.example.com", DEMO_PASSWORD, "10.5.0.1", undefined, deaf.deps),
      ).resolves.toMatchObject({ result: { name: "Lucas Moreau" } });
      const wrong = () =>
        answerTo(signIn("maya@northwind.example.com", "guess", "10.5.0.2", undefined, deaf.deps));
      expect((await wrong()).code).toBe("UNAUTHORIZED");
      expect((await wrong()).code).toBe("UNAUTHORIZED");
      expect((await wrong()).message).toMatch(/Wait 5 seconds before trying again\.$/);
      expect((await wrong()).code).toBe("TOO_MANY_REQUESTS");
    } finally {
      redis.resume();
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
    await caller.risk.dashboard();
    expect((await caller.risk.dashboard()).freshness.source).toBe("memory");

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
    expect((await again.risk.dashboard()).freshness.source).toBe("computed");
  });
});
