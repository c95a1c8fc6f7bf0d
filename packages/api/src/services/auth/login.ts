import { type Db, hashPassword, verifyPassword } from "@repo/db";
import { AppError } from "../../errors.ts";
import type { LoginLimiter } from "./login-limiter.ts";
import { createSession, VIEWER_USER_SELECT, type Viewer, viewerOf } from "./sessions.ts";

export interface LoginDeps {
  db: Db;
  loginLimiter: LoginLimiter;
  now: Date;
  sessionTtlMs: number;
}

// Verified against when the email is unknown, so a wrong email costs the same time as a wrong
// password and the answer's timing does not reveal which accounts exist.
const decoyHash = hashPassword("decoy password that matches no account");

const REFUSED = "The email or password is not right.";

/**
 * Signs in with email and password. Unknown email, wrong password and a deactivated account
 * get the same answer; repeated failures lock the account and the address for a while.
 */
export async function login(
  deps: LoginDeps,
  input: { email: string; password: string; address: string },
): Promise<{ token: string; expiresAt: Date; viewer: Omit<Viewer, "sessionId"> }> {
  const email = input.email.trim().toLowerCase();
  const retryAfter = await deps.loginLimiter.retryAfterSeconds(email, input.address);
  if (retryAfter > 0) {
    const minutes = Math.ceil(retryAfter / 60);
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    );
  }
  const user = await deps.db.user.findUnique({
    where: { email },
    select: { ...VIEWER_USER_SELECT, passwordHash: true },
  });
  const matches = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash));
  if (!user || !matches || !user.active) {
    await deps.loginLimiter.recordFailure(email, input.address);
    throw new AppError("UNAUTHORIZED", REFUSED);
  }
  await deps.loginLimiter.recordSuccess(email);
  const { token, expiresAt } = await createSession(deps.db, user, deps.now, deps.sessionTtlMs);
  return { token, expiresAt, viewer: viewerOf(user) };
}
