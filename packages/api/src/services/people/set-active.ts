import { AppError } from "../../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { revokeSessionsOf } from "../auth/sessions.ts";
import {
  dropTradersSummary,
  findPerson,
  forgetPerson,
  type PeopleDeps,
  type PersonView,
  personAudit,
  personView,
} from "./person-view.ts";

/**
 * Deactivates (`active` false) or reactivates a person of the firm. Deactivating ends every
 * session of theirs — revoked in PostgreSQL in the change's transaction, then forgotten by every
 * instance before this returns — and drops what is cached for them; sign-in then refuses them
 * as it refuses a wrong password. Their book, alerts and audit history stay. A person already
 * in that state is left as they are, and nothing is audited.
 */
export async function setActive(
  deps: PeopleDeps,
  userId: string,
  active: boolean,
): Promise<PersonView> {
  if (!active && userId === deps.actorId) {
    throw new AppError(
      "BAD_REQUEST",
      "You cannot deactivate your own account: ask another administrator to do it.",
    );
  }
  const now = deps.clock();
  const person = await deps.db.$transaction(async (tx) => {
    const found = await findPerson(tx, userId);
    const { count } = await tx.user.updateMany({
      where: { id: userId, active: !active },
      data: { active, updatedAt: now },
    });
    if (count === 0) return found;
    if (!active) await revokeSessionsOf(tx, userId, now);
    await recordAudit(tx, personAudit(deps.actorId, found, { active: !active }, { active }), now);
    return { ...found, active };
  });
  await forgetPerson(deps.cache, person);
  await dropTradersSummary(deps.cache, person.tenantId);
  return personView(deps, person);
}
