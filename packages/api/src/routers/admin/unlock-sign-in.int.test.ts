import { DEMO_PASSWORD } from "@repo/db/demo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInnerContext } from "../../context.ts";
import { createCaller } from "../../root.ts";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { callerWith, viewerOf } from "../../testing/caller-with.ts";

let fixture: ApiFixture;
let admin: ReturnType<typeof createCaller>;
beforeAll(async () => {
  fixture = await createApiFixture();
  admin = await fixture.callerAs("admin@northwind.example.com");
});
afterAll(() => fixture.close());

const JONAS = "jonas@northwind.example.com";

/** A trader signing in from `address` at `at` (the server's clock); the answer's code. */
async function signsIn(email: string, password: string, address: string, at = new Date()) {
  const deps = { ...fixture.deps, clock: () => at };
  try {
    await createCaller(createInnerContext({ deps, address })).auth.login({ email, password });
    return "OK";
  } catch (error) {
    return (error as { code: string }).code;
  }
}

const jonasSignsIn = (password: string, address: string, at?: Date) =>
  signsIn(JONAS, password, address, at);

describe("admin.unlockSignIn", () => {
  it("unlocks a trader locked out by failed sign-ins, from every address, and audits it", async () => {
    const { userId: traderId } = await viewerOf(fixture, JONAS);
    const t0 = Date.now();
    const at = (second: number) => new Date(t0 + second * 1000);
    // Locked from one address (each failure once the slow-down of the one before is over),
    // slowed down from another.
    for (const second of [0, 20, 40, 60, 80]) {
      expect(await jonasSignsIn("guess", "10.7.0.1", at(second))).toBe("UNAUTHORIZED");
    }
    for (const second of [100, 101, 102]) {
      expect(await jonasSignsIn("guess", "10.7.0.2", at(second))).toBe("UNAUTHORIZED");
    }
    expect(await jonasSignsIn(DEMO_PASSWORD, "10.7.0.1", at(103))).toBe("TOO_MANY_REQUESTS");
    expect(await jonasSignsIn(DEMO_PASSWORD, "10.7.0.2", at(103))).toBe("TOO_MANY_REQUESTS");
    const adminThen = await callerWith(fixture, "admin@northwind.example.com", {
      clock: () => at(104),
    });
    expect(await adminThen.admin.signInState({ traderId })).toEqual({
      failedAttempts: 8,
      pausedAddresses: 2,
      locked: true,
      pausedEverywhere: false,
      pausedUntil: at(980),
    });

    expect(await adminThen.admin.unlockSignIn({ traderId })).toEqual({
      failedAttempts: 0,
      pausedAddresses: 0,
      locked: false,
      pausedEverywhere: false,
      pausedUntil: null,
    });
    expect(await jonasSignsIn(DEMO_PASSWORD, "10.7.0.1", at(105))).toBe("OK");
    expect(await jonasSignsIn(DEMO_PASSWORD, "10.7.0.2", at(105))).toBe("OK");

    const { events } = await admin.admin.auditLog({ traderId, limit: 1 });
    expect(events[0]).toMatchObject({
      entity: "SIGN_IN",
      entityId: traderId,
      action: "UPDATE",
      actor: { name: "Avery Admin" },
      trader: { id: traderId },
      before: { failedAttempts: 8, pausedAddresses: 2, pausedEverywhere: false },
      after: { failedAttempts: 0, pausedAddresses: 0, pausedEverywhere: false },
    });
  });

  it("also lifts the pause an account gets when tried from many addresses", async () => {
    const lucas = "lucas@northwind.example.com";
    const { userId: traderId } = await viewerOf(fixture, lucas);
    // A hundred wrong passwords from a hundred addresses, counted as sign-in counts them.
    const { loginLimiter } = fixture.deps;
    const now = new Date();
    for (let i = 1; i <= 100; i++) {
      await loginLimiter.failed(await loginLimiter.attempt(lucas, `10.8.0.${i}`, now), now);
    }
    expect(await signsIn(lucas, DEMO_PASSWORD, "10.8.1.1")).toBe("TOO_MANY_REQUESTS");
    expect(await admin.admin.signInState({ traderId })).toMatchObject({ pausedEverywhere: true });
    await admin.admin.unlockSignIn({ traderId });
    expect(await admin.admin.signInState({ traderId })).toMatchObject({
      failedAttempts: 0,
      pausedEverywhere: false,
    });
    expect(await signsIn(lucas, DEMO_PASSWORD, "10.8.1.1")).toBe("OK");
  });
});
