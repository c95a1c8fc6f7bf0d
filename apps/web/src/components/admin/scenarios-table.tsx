"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { TableScroll } from "~/components/table-scroll.tsx";
import { whenOf } from "~/lib/format.ts";
import { useTimeZone } from "~/lib/use-time-zone.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { ConfirmDelete } from "./confirm-delete.tsx";
import { MutationError } from "./mutation-error.tsx";
import { ScenarioCreateForm } from "./scenario-create-form.tsx";
import { moveInWords, type ScenarioView } from "./scenario-form.ts";

/** The firm's own stress scenarios, each removable after a confirmation, and the form to add one. */
export function ScenariosTable() {
  const trpc = useTRPC();
  const list = useQuery(trpc.admin.scenarios.list.queryOptions());
  const [failure, setFailure] = useState<unknown>(null);
  if (!list.data) {
    return (
      <p className="muted">{list.isError ? "Scenarios are not available now." : "Loading…"}</p>
    );
  }
  const { scenarios, ...targets } = list.data;
  return (
    <>
      <section className="panel" aria-labelledby="scenarios-heading">
        <h2 id="scenarios-heading">Your firm's scenarios</h2>
        {scenarios.length === 0 ? (
          <p className="muted">
            None yet: every book is stressed with the built-in scenarios only.
          </p>
        ) : (
          <TableScroll label="Firm scenarios table">
            <table className="scenarios-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Moves</th>
                  <th scope="col">Added</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {scenarios.map((scenario) => (
                  <ScenarioRow key={scenario.id} scenario={scenario} onFailure={setFailure} />
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <MutationError error={failure} />
      </section>
      <section className="panel">
        <ScenarioCreateForm targets={targets} />
      </section>
    </>
  );
}

function ScenarioRow({
  scenario,
  onFailure,
}: {
  scenario: ScenarioView;
  onFailure: (error: unknown) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const timeZone = useTimeZone();
  const remove = useMutation(
    trpc.admin.scenarios.delete.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.admin.scenarios.list.queryKey() }),
      onError: onFailure,
    }),
  );
  return (
    <tr>
      <th scope="row">{scenario.name}</th>
      <td>{scenario.moves.map(moveInWords).join(", ")}</td>
      <td>
        {scenario.createdBy.name},{" "}
        <time dateTime={scenario.createdAt.toISOString()}>
          {whenOf(scenario.createdAt, timeZone)}
        </time>
      </td>
      <td className="row-actions">
        <ConfirmDelete
          name={scenario.name}
          what="scenario"
          pending={remove.isPending}
          onDelete={() => {
            onFailure(null);
            remove.mutate({ id: scenario.id });
          }}
        />
      </td>
    </tr>
  );
}
