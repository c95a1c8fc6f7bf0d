import { hashPassword, verifyPassword } from "@repo/db";
import type { ApiCache } from "../../cache-policy.ts";
import type { Clock } from "../../clock.ts";
import type { TenantDb } from "../../data/tenant-db.ts";
import { AppError, tooManyRequests } from "../../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { findPerson, forgetPerson, passwordKind, personAudit } from "../people/person-view.ts";
import { pausedSentence } from "./login.ts";
import type { LoginLimiter } from "./login-limiter.ts";
import { revokeSessionsOf, type Viewer } from "./sessions.ts";

export interface ChangePasswordDeps {
  db: TenantDb;
  cache: ApiCache;
  clock: Clock;
  loginLimiter: LoginLimiter;
  /** The caller's address: wrong current passwords count as failed sign-ins from it. */
  address: string;
}

const NOT_CURRENT = "This is not your current password.";

/**
 * Whether `password` is the viewer's, counted by the sign-in limiter as a sign-in would be: a
 * session left open cannot be used to guess the password faster than the sign-in page allows.
 */
async function checkCurrent(
  deps: ChangePasswordDeps,
  viewer: Viewer,
  password: string,
  stored: string,
): Promise<void> {
  const now = deps.clock();
  const attempt = await deps.loginLimiter.attempt(viewer.email, deps.address, now);
  if (attempt.refused) {
    throw tooManyRequests(pausedSentence(attempt.refused), attempt.refused.seconds);
  }
  if (!(await verifyPassword(password, stored))) {
    await deps.loginLimiter.failed(attempt, now);
    throw new AppError("BAD_REQUEST", NOT_CURRENT, { currentPassword: [NOT_CURRENT] });
  }
  await deps.loginLimiter.succeeded(attempt);
}

/**
 * The viewer replaces their password, naming the current one (a wrong one is refused under its
 * field, and counted as a failed sign-in). Every other session of theirs ends on every instance; this one stays, and is read
 * again from PostgreSQL at its next request, so a temporary password's restriction is lifted.
 * Two changes at once cannot both succeed: the write names the hash that was checked.
 */
export async function changePassword(
  deps: ChangePasswordDeps,
  viewer: Viewer,
  input: { currentPassword: string; newPassword: string },
): Promise<{ changed: true }> {
  const stored = await deps.db.user.findFirst({
    where: { id: viewer.userId },
    select: { passwordHash: true },
  });
  if (!stored) throw new AppError("UNAUTHORIZED", "Sign in to continue.");
  await checkCurrent(deps, viewer, input.currentPassword, stored.passwordHash);
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.clock();
  const person = await deps.db.$transaction(async (tx) => {
    const found = await findPerson(tx, viewer.userId);
    const { count } = await tx.user.updateMany({
      where: { id: viewer.userId, passwordHash: stored.passwordHash },
      data: { passwordHash, mustChangePassword: false, updatedAt: now },
    });
    if (count === 0) {
      throw new AppError("BAD_REQUEST", NOT_CURRENT, { currentPassword: [NOT_CURRENT] });
    }
    await revokeSessionsOf(tx, viewer.userId, now, viewer.sessionId);
    const before = { password: passwordKind(found.mustChangePassword) };
    const after = { password: passwordKind(false) };
    await recordAudit(tx, personAudit(viewer.userId, found, before, after), now);
    return found;
  });
  await forgetPerson(deps.cache, person);
  return { changed: true };
}
