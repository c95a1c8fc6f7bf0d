import { type Db, hashPassword, verifyPassword } from "@repo/db";
import { AppError, tooManyRequests } from "../../errors.ts";
import type { FailureOutcome, LoginLimiter, LoginPause } from "./login-limiter.ts";
import type { LoginScope } from "./login-limits.ts";
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

/** "5 seconds", "1 minute", "15 minutes". */
function duration(seconds: number): string {
  const [amount, unit] = seconds < 60 ? [seconds, "second"] : [Math.ceil(seconds / 60), "minute"];
  return `${amount} ${unit}${amount === 1 ? "" : "s"}`;
}

/** Which sign-ins a pause stops, as the person trying sees it. */
const WHERE: Record<LoginScope, string> = {
  accountFromAddress: "from here",
  address: "from here",
  account: "to this account",
};

/** Why sign-in is refused without checking the password, and what the person can do. */
export function pausedSentence({ scope, seconds, lock }: LoginPause): string {
  const wait = `Try again in ${duration(seconds)}`;
  if (!lock) return `Too many failed sign-ins ${WHERE[scope]}. ${wait}.`;
  if (scope === "address")
    return `Sign-in from here is paused after too many failed attempts. ${wait}.`;
  const account = scope === "account" ? "it" : "your account";
  return `Sign-in ${WHERE[scope]} is paused after too many failed attempts. ${wait}, or ask your administrator to unlock ${account}.`;
}

/** The refusal of a wrong password, with what this failure started and what the next one would. */
function failedSentence({ pause, lockOnNextFailure }: FailureOutcome): string {
  const sentences = [REFUSED];
  if (pause?.lock) {
    sentences.push(`Sign-in ${WHERE[pause.scope]} is now paused for ${duration(pause.seconds)}.`);
  } else if (pause) {
    sentences.push(`Wait ${duration(pause.seconds)} before trying again.`);
  }
  if (lockOnNextFailure) {
    const { scope, seconds } = lockOnNextFailure;
    sentences.push(
      `One more failed attempt will pause sign-in ${WHERE[scope]} for ${duration(seconds)}.`,
    );
  }
  return sentences.join(" ");
}

/**
 * Signs in with email and password. Unknown email, wrong password and a deactivated account
 * are counted and answered alike, so the answers never tell which accounts exist; repeated
 * failures slow sign-in down, then pause it (login-limits.ts).
 */
export async function login(
  deps: LoginDeps,
  input: { email: string; password: string; address: string },
): Promise<{ token: string; expiresAt: Date; viewer: Omit<Viewer, "sessionId"> }> {
  const email = input.email.trim().toLowerCase();
  const attempt = await deps.loginLimiter.attempt(email, input.address, deps.now);
  if (attempt.refused) {
    throw tooManyRequests(pausedSentence(attempt.refused), attempt.refused.seconds);
  }
  let user: Awaited<ReturnType<typeof findUser>>;
  let matches: boolean;
  try {
    user = await findUser(deps.db, email);
    matches = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash));
  } catch (error) {
    // Nothing was judged (the database is away): the attempt must not count as a failure.
    await deps.loginLimiter.withdrawn(attempt);
    throw error;
  }
  if (!user || !matches || !user.active) {
    const outcome = await deps.loginLimiter.failed(attempt, deps.now);
    throw new AppError("UNAUTHORIZED", failedSentence(outcome));
  }
  await deps.loginLimiter.succeeded(attempt);
  const { token, expiresAt } = await createSession(deps.db, user, deps.now, deps.sessionTtlMs);
  return { token, expiresAt, viewer: viewerOf(user) };
}

function findUser(db: Db, email: string) {
  return db.user.findUnique({
    where: { email },
    select: { ...VIEWER_USER_SELECT, passwordHash: true },
  });
}
