import { recordAudit } from "../audit/record-audit.ts";
import { NO_FAILED_SIGN_INS, type SignInState } from "../auth/login-limiter.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { type SignInStateDeps, traderEmail } from "./sign-in-state.ts";

/** What the audit log keeps of a sign-in state: counts, not when a pause would have ended. */
function auditedState(state: SignInState) {
  const { failedAttempts, pausedAddresses, pausedEverywhere } = state;
  return { failedAttempts, pausedAddresses, pausedEverywhere };
}

/**
 * Forgets the trader's failed sign-ins from every address, so sign-in is neither slowed down nor
 * paused anywhere, and audits it. The counters are cleared inside the audit's transaction: when
 * Redis cannot be reached the unlock fails and nothing is recorded.
 */
export async function unlockSignIn(
  deps: SignInStateDeps & { actorId: string },
  subject: Subject,
): Promise<SignInState> {
  const now = deps.clock();
  const email = await traderEmail(deps.db, subject);
  const before = await deps.loginLimiter.state(email, now);
  await deps.db.$transaction(async (tx) => {
    await recordAudit(
      tx,
      {
        actorId: deps.actorId,
        subject,
        entity: "SIGN_IN",
        entityId: subject.userId,
        action: "UPDATE",
        before: auditedState(before),
        after: auditedState(NO_FAILED_SIGN_INS),
      },
      now,
    );
    await deps.loginLimiter.unlock(email);
  });
  return deps.loginLimiter.state(email, now);
}
