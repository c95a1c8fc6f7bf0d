import "server-only";
import { liveViewer, SESSION_COOKIE, type Viewer } from "@repo/api";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { CHANGE_PASSWORD_PATH } from "~/lib/account.ts";
import { getApiDeps } from "./api-deps.ts";

/**
 * Who the request's session cookie says is signed in, read once per request the way tRPC's
 * context reads it: from the sessions this instance remembers, else PostgreSQL. A render
 * leaves remembering to the API's requests (liveViewer).
 */
export const currentViewer = cache(async (): Promise<Viewer | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  return liveViewer(await getApiDeps(), token, { remember: false });
});

/**
 * Where each role starts after signing in; the change-password page for someone on a temporary
 * password, which is all such a session may use.
 */
export function homeOf(
  viewer: Pick<Viewer, "role" | "mustChangePassword">,
): "/dashboard" | "/admin" | typeof CHANGE_PASSWORD_PATH {
  if (viewer.mustChangePassword) return CHANGE_PASSWORD_PATH;
  return viewer.role === "ADMIN" ? "/admin" : "/dashboard";
}

/** The viewer of any role, or a redirect to /login (coming back to `path` afterwards). */
export async function requireSignedIn(path: string): Promise<Viewer> {
  const viewer = await currentViewer();
  if (!viewer) redirect(`/login?next=${encodeURIComponent(path)}`);
  return viewer;
}

/**
 * The viewer, or a redirect: to /login (coming back to `path` afterwards) when signed out, to
 * their own home when the page is for the other role or they must choose a password first.
 */
export async function requireViewer(role: Viewer["role"], path: string): Promise<Viewer> {
  const viewer = await requireSignedIn(path);
  if (viewer.role !== role || viewer.mustChangePassword) redirect(homeOf(viewer));
  return viewer;
}
