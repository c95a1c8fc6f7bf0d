import { mapBounded } from "../admin/map-bounded.ts";
import { PERSON_SELECT, type PeopleDeps, type PersonView, personView } from "./person-view.ts";

/**
 * Everyone of the firm, admins and deactivated people included, by name, each with whether
 * failed sign-ins have locked them out (a Redis read each, a few at a time).
 */
export async function listPeople(
  deps: Pick<PeopleDeps, "db" | "loginLimiter" | "clock">,
): Promise<PersonView[]> {
  const people = await deps.db.user.findMany({
    select: PERSON_SELECT,
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
  return mapBounded(people, 8, (person) => personView(deps, person));
}
