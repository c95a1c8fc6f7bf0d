import type { WriteDeps } from "../../deps.ts";
import { conflict } from "../../errors.ts";
import type { ProfileFields } from "../../validators/index.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { readBookVersion, type Versioned } from "../cache/book-version.ts";
import { invalidateBook } from "../cache/invalidate-book.ts";
import { auditedProfile, type ProfileView, readProfile } from "./profile-view.ts";

/**
 * Saves the profile if it is still at `version` (else CONFLICT, nothing changed), audits the
 * change in the same transaction, then writes the new profile through to the cache and drops
 * the metrics computed with the old one.
 */
export async function updateProfile(
  deps: WriteDeps,
  subject: Subject,
  input: ProfileFields & { version: number },
): Promise<ProfileView> {
  const now = deps.clock();
  const { version, ...fields } = input;
  const written = await deps.db.$transaction(async (tx): Promise<Versioned<ProfileView>> => {
    const before = await readProfile(tx, subject);
    const { count } = await tx.riskProfile.updateMany({
      where: { traderId: subject.userId, version },
      data: { ...fields, version: { increment: 1 }, updatedAt: now },
    });
    if (count === 0) throw conflict("risk profile");
    const after = await readProfile(tx, subject);
    await recordAudit(
      tx,
      {
        actorId: deps.actorId,
        subject,
        entity: "PROFILE",
        entityId: after.id,
        action: "UPDATE",
        before: auditedProfile(before),
        after: auditedProfile(after),
      },
      now,
    );
    // The version this write left the book at: the update's trigger holds the trader's row
    // until commit, so no other write can come between.
    return { version: await readBookVersion(tx, subject), value: after };
  });
  await deps.cache.set("profile", subject, written);
  await invalidateBook(deps.cache, subject, ["book"]);
  return written.value;
}
