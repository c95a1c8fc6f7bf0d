import type { CacheRead } from "@repo/risk-cache";
import type { ReadDeps } from "../../deps.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { readBook } from "../cache/read-book.ts";
import { type ProfileView, readProfile } from "./profile-view.ts";

export async function getProfile(
  deps: ReadDeps,
  subject: Subject,
): Promise<CacheRead<ProfileView>> {
  return readBook(deps, "profile", subject, () => readProfile(deps.db, subject));
}
