import { DEMO_PASSWORD } from "@repo/db/demo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInnerContext } from "../../context.ts";
import { createCaller } from "../../root.ts";
import { findSession } from "../../services/auth/sessions.ts";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { failureOf } from "../../testing/caller-with.ts";

let fixture: ApiFixture;
beforeAll(async () => {
  fixture = await createApiFixture();
});
afterAll(() => fixture.close());

/** Signs in through auth.login; the session's token, or "" when refused. */
async function signIn(email: string, password: string): Promise<string> {
  let token = "";
  const session = {
    set: (value: string) => {
      token = value;
    },
    clear() {},
  };
  const caller = createCaller(createInnerContext({ deps: fixture.deps, session }));
  return caller.auth.login({ email, password }).then(
    () => token,
    () => "",
  );
}

/** The live session of `token` as a request would find it, on this instance. */
const sessionOf = (token: string) =>
  fixture.deps.sessions.live.viewer(token, new Date(), () =>
    findSession(fixture.deps.db, token, new Date()),
  );

async function callerOf(token: string) {
  return createCaller(createInnerContext({ deps: fixture.deps, viewer: await sessionOf(token) }));
}

describe("auth.changePassword", () => {
  it("refuses a wrong current password, and a new one equal to it, under their fields", async () => {
    const priya = await callerOf(await signIn("priya@northwind.example.com", DEMO_PASSWORD));
    const wrong = priya.auth.changePassword({
      currentPassword: "not my password",
      newPassword: "a brand new password",
    });
    await expect(wrong).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "This is not your current password.",
    });
    expect(await failureOf(wrong)).toMatchObject({ fields: ["currentPassword"] });
    const same = priya.auth.changePassword({
      currentPassword: DEMO_PASSWORD,
      newPassword: DEMO_PASSWORD,
    });
    expect(await failureOf(same)).toEqual({ code: "BAD_REQUEST", fields: ["newPassword"] });
    expect(await signIn("priya@northwind.example.com", DEMO_PASSWORD)).not.toBe("");
  });

  it("changes it, ends the user's other sessions and keeps this one, and audits it", async () => {
    const email = "admin@harbor.example.com";
    const other = await signIn(email, DEMO_PASSWORD);
    const mine = await signIn(email, DEMO_PASSWORD);
    expect(await sessionOf(other)).not.toBeNull();
    const me = await callerOf(mine);
    expect(
      await me.auth.changePassword({
        currentPassword: DEMO_PASSWORD,
        newPassword: "harbor's new password",
      }),
    ).toEqual({ changed: true });
    expect(await sessionOf(other)).toBeNull();
    expect(await sessionOf(mine)).toMatchObject({ email });
    expect(await signIn(email, DEMO_PASSWORD)).toBe("");
    expect(await signIn(email, "harbor's new password")).not.toBe("");

    const { events } = await me.admin.auditLog({ limit: 1 });
    expect(events[0]).toMatchObject({
      entity: "USER",
      action: "UPDATE",
      actor: { name: "Morgan Admin" },
      trader: null,
      before: { password: "own", role: "ADMIN" },
      after: { password: "own" },
    });
  });

  it("counts wrong current passwords as failed sign-ins: guessing through a session is slowed too", async () => {
    const sofia = await callerOf(await signIn("sofia@northwind.example.com", DEMO_PASSWORD));
    const change = (currentPassword: string) =>
      sofia.auth.changePassword({ currentPassword, newPassword: "sofia's new password" });
    for (let i = 0; i < 3; i++) {
      await expect(change("a guess")).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    // The third failure started a pause: even the right password waits it out.
    await expect(change(DEMO_PASSWORD)).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(
        /^Too many failed sign-ins from here\. Try again in \d seconds?\.$/,
      ),
    });
  });

  it("needs a session", async () => {
    const call = fixture.anonymous().auth.changePassword({
      currentPassword: DEMO_PASSWORD,
      newPassword: "a brand new password",
    });
    await expect(call).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
