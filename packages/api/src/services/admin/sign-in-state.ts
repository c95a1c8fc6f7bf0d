import type { Clock } from "../../clock.ts";
import type { TenantDb } from "../../data/tenant-db.ts";
import { notFound } from "../../errors.ts";
import type { LoginLimiter, SignInState } from "../auth/login-limiter.ts";
import type { Subject } from "../auth/resolve-subject.ts";

export interface SignInStateDeps {
  db: TenantDb;
  loginLimiter: LoginLimiter;
  clock: Clock;
}

/** The trader's email: what failed sign-ins are counted by. */
export async function traderEmail(db: TenantDb, subject: Subject): Promise<string> {
  const trader = await db.user.findFirst({
    where: { id: subject.userId, role: "TRADER" },
    select: { email: true },
  });
  if (!trader) throw notFound("The trader");
  return trader.email;
}

/** Whether the trader's sign-in is paused or locked, and after how many failures. */
export async function readSignInState(
  deps: SignInStateDeps,
  subject: Subject,
): Promise<SignInState> {
  return deps.loginLimiter.state(await traderEmail(deps.db, subject), deps.clock());
}
