import { hashPassword } from "@repo/db";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { revokeSessionsOf } from "../auth/sessions.ts";
import {
  findPerson,
  forgetPerson,
  type PeopleDeps,
  type PersonView,
  passwordKind,
  personAudit,
  personView,
} from "./person-view.ts";
import { temporaryPassword } from "./temporary-password.ts";

/**
 * Gives the person a temporary password, returned once and stored only as a hash: their sessions
 * end everywhere, and at their next sign-in they must choose their own before anything else.
 * An admin changes their own password themselves, with their current one.
 */
export async function resetPassword(
  deps: PeopleDeps,
  userId: string,
): Promise<{ person: PersonView; temporaryPassword: string }> {
  if (userId === deps.actorId) {
    throw new AppError(
      "BAD_REQUEST",
      "Change your own password on the Change password page: it asks for your current one.",
    );
  }
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const now = deps.clock();
  const person = await deps.db.$transaction(async (tx) => {
    const found = await findPerson(tx, userId);
    await tx.user.updateMany({
      where: { id: userId },
      data: { passwordHash, mustChangePassword: true, updatedAt: now },
    });
    await revokeSessionsOf(tx, userId, now);
    const before = { password: passwordKind(found.mustChangePassword) };
    const after = { password: passwordKind(true) };
    await recordAudit(tx, personAudit(deps.actorId, found, before, after), now);
    return { ...found, mustChangePassword: true };
  });
  await forgetPerson(deps.cache, person);
  return { person: await personView(deps, person), temporaryPassword: password };
}
