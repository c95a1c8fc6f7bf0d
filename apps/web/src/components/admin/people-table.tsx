"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { TableScroll } from "~/components/table-scroll.tsx";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/trpc/client.tsx";
import type { RouterOutputs } from "~/trpc/types.ts";
import { PersonActions } from "./person-actions.tsx";
import type { IssuedPassword } from "./temporary-password.tsx";

export type Person = RouterOutputs["admin"]["people"]["list"][number];

const ROLE_NAMES: Record<Person["role"], string> = { ADMIN: "Admin", TRADER: "Trader" };

/** What stands in the way of the person signing in, in words; "Active" when nothing does. */
function stateOf(person: Person): string[] {
  const states = [person.active ? "Active" : "Deactivated"];
  if (person.locked) states.push("Locked");
  if (person.mustChangePassword) states.push("Temporary password");
  return states;
}

/** Everyone of the firm with their state and what the admin can do about their account. */
export function PeopleTable({
  viewerId,
  onIssued,
}: {
  viewerId: string;
  onIssued: (issued: IssuedPassword) => void;
}) {
  const trpc = useTRPC();
  const people = useQuery(trpc.admin.people.list.queryOptions());
  if (!people.data) {
    return (
      <p className={people.error ? "error" : "muted"} role="alert">
        {people.error ? messageOf(people.error) : "Loading…"}
      </p>
    );
  }
  return (
    <TableScroll label="People table">
      <table aria-label="People" className="people">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">State</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {people.data.map((person) => (
            <tr key={person.id} data-active={person.active}>
              <th scope="row">
                {person.role === "TRADER" && person.active ? (
                  <Link href={`/admin/traders/${person.id}`}>{person.name}</Link>
                ) : (
                  person.name
                )}
              </th>
              <td>{person.email}</td>
              <td>{ROLE_NAMES[person.role]}</td>
              <td>
                <ul className="states">
                  {stateOf(person).map((state) => (
                    <li key={state} data-state={state}>
                      {state}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="row-actions">
                {person.id === viewerId ? (
                  <span className="muted">You</span>
                ) : (
                  <PersonActions person={person} onIssued={onIssued} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
