import { listPeople } from "../../services/people/list-people.ts";
import { peopleDeps } from "../../services/people/person-view.ts";
import { adminProcedure } from "../../trpc.ts";

/** Everyone of the admin's firm, with whether they are active, locked or on a temporary password. */
export const adminPeopleListRoute = adminProcedure.query(({ ctx }) => listPeople(peopleDeps(ctx)));
