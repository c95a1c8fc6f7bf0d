import { DEMO_PASSWORD } from "@repo/db/demo";
import { createInnerContext } from "../context.ts";
import type { ApiDeps } from "../deps.ts";
import { createCaller } from "../root.ts";
import { findViewer, type Viewer } from "../services/auth/sessions.ts";
import type { ApiFixture } from "./api-fixture.ts";

/** Signs the demo user in through auth.login and returns who the session says they are. */
export async function viewerOf(fixture: ApiFixture, email: string): Promise<Viewer> {
  let token = "";
  const session = {
    set: (value: string) => {
      token = value;
    },
    clear() {},
  };
  await createCaller(createInnerContext({ deps: fixture.deps, session })).auth.login({
    email,
    password: DEMO_PASSWORD,
  });
  const viewer = await findViewer(fixture.deps.db, token, fixture.deps.clock());
  if (!viewer) throw new Error(`no session for ${email}`);
  return viewer;
}

/**
 * A caller signed in as `email` whose server differs from the fixture's in `overrides`: another
 * cache instance (a second server) or a clock the test moves.
 */
export async function callerWith(
  fixture: ApiFixture,
  email: string,
  overrides: Partial<ApiDeps>,
): Promise<ReturnType<typeof createCaller>> {
  const viewer = await viewerOf(fixture, email);
  return createCaller(createInnerContext({ deps: { ...fixture.deps, ...overrides }, viewer }));
}

/** A clock that moves one second on every reading, so rows written in sequence sort in sequence. */
export function steppingClock(start = Date.now()): () => Date {
  let now = start;
  return () => {
    now += 1_000;
    return new Date(now);
  };
}

/** The tRPC code a rejected call failed with, and the fields its error names ("moves.1.symbol"). */
export async function failureOf(
  call: Promise<unknown>,
): Promise<{ code: string; fields: string[] }> {
  try {
    await call;
  } catch (error) {
    const { code, cause } = error as { code: string; cause?: unknown };
    const issues = (cause as { issues?: { path: PropertyKey[] }[] } | undefined)?.issues;
    const fieldErrors = (cause as { fieldErrors?: Record<string, string[]> } | undefined)
      ?.fieldErrors;
    const fields = issues
      ? issues.map((issue) => issue.path.map(String).join("."))
      : Object.keys(fieldErrors ?? {});
    return { code, fields };
  }
  throw new Error("expected the call to fail");
}
