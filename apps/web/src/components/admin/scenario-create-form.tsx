"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import type { ScenarioFields } from "@repo/api/validators";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { type Path, useFieldArray, useForm } from "react-hook-form";
import { FieldError } from "~/components/field-error.tsx";
import { useTRPC } from "~/trpc/client.tsx";
import { MutationError } from "./mutation-error.tsx";
import {
  EMPTY_MOVE,
  ON_NAMES,
  type ScenarioFormValues,
  type ScenarioList,
  ZScenarioForm,
} from "./scenario-form.ts";
import { applyServerErrors } from "./server-errors.ts";
import { SubmitRow } from "./submit-row.tsx";

const EMPTY: ScenarioFormValues = { name: "", moves: [EMPTY_MOVE] };

/** The box a sector's or a symbol's move names its target in, and the list it chooses from. */
const TARGET = {
  SECTOR: { field: "sector", label: "Sector", choices: "sectors" },
  SYMBOL: { field: "symbol", label: "Symbol", choices: "symbols" },
} as const;

/**
 * Adds a firm scenario: a name and one line per move (every instrument, a sector or one symbol,
 * by a percent). A holding takes its symbol's move, else its sector's, else the market's.
 */
export function ScenarioCreateForm({ targets }: { targets: Omit<ScenarioList, "scenarios"> }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [placed, setPlaced] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const form = useForm<ScenarioFormValues, unknown, ScenarioFields>({
    resolver: zodResolver(ZScenarioForm),
    defaultValues: EMPTY,
  });
  const lines = useFieldArray({ control: form.control, name: "moves" });
  const { errors } = form.formState;
  const rows = form.watch("moves");

  const create = useMutation(
    trpc.admin.scenarios.create.mutationOptions({
      onSuccess: async (scenario) => {
        form.reset(EMPTY);
        await queryClient.invalidateQueries({ queryKey: trpc.admin.scenarios.list.queryKey() });
        setCreated(`Added ${scenario.name}.`);
      },
      onError: (error) => {
        const fields = rows.flatMap((_, i) =>
          (["", ".move", ".sector", ".symbol"] as const).map((f) => `moves.${i}${f}`),
        );
        setPlaced(
          applyServerErrors(
            error,
            ["name", "moves", ...fields] as Path<ScenarioFormValues>[],
            form.setError,
          ),
        );
      },
    }),
  );

  const described = (field: string) => ({
    id: `${id}-${field}`,
    "aria-describedby": `${id}-${field}-error`,
  });

  return (
    <form
      className="form scenario-create"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={form.handleSubmit((values) => {
        setCreated(null);
        setPlaced(false);
        create.mutate(values);
      })}
    >
      <h2 id={`${id}-heading`}>New scenario</h2>
      <div className="field scenario-name">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          autoComplete="off"
          placeholder="e.g. Oil shock"
          {...described("name")}
          aria-invalid={Boolean(errors.name)}
          {...form.register("name")}
        />
        <FieldError id={`${id}-name-error`} message={errors.name?.message} />
      </div>
      <fieldset className="scenario-moves">
        <legend>Price moves</legend>
        {lines.fields.map((line, i) => {
          const on = rows[i]?.on ?? "MARKET";
          const lineErrors = errors.moves?.[i];
          const key = `moves-${i}`;
          return (
            <div className="fields scenario-move" key={line.id}>
              <div className="field">
                <label htmlFor={`${id}-${key}-on`}>What moves</label>
                <select id={`${id}-${key}-on`} {...form.register(`moves.${i}.on`)}>
                  {Object.entries(ON_NAMES).map(([value, text]) => (
                    <option key={value} value={value}>
                      {text}
                    </option>
                  ))}
                </select>
                <FieldError id={`${id}-${key}-error`} message={lineErrors?.message} />
              </div>
              {on !== "MARKET" ? (
                <div className="field">
                  <label htmlFor={`${id}-${key}-${TARGET[on].field}`}>{TARGET[on].label}</label>
                  <select
                    {...described(`${key}-${TARGET[on].field}`)}
                    aria-invalid={Boolean(lineErrors?.[TARGET[on].field])}
                    {...form.register(`moves.${i}.${TARGET[on].field}`)}
                  >
                    <option value="">Choose…</option>
                    {targets[TARGET[on].choices].map((name) => (
                      <option key={name}>{name}</option>
                    ))}
                  </select>
                  <FieldError
                    id={`${id}-${key}-${TARGET[on].field}-error`}
                    message={lineErrors?.[TARGET[on].field]?.message}
                  />
                </div>
              ) : null}
              <div className="field">
                <label htmlFor={`${id}-${key}-move`}>Move (%)</label>
                <input
                  type="number"
                  inputMode="decimal"
                  step="any"
                  placeholder="−20 for a fall"
                  {...described(`${key}-move`)}
                  aria-invalid={Boolean(lineErrors?.move)}
                  {...form.register(`moves.${i}.move`, { valueAsNumber: true })}
                />
                <FieldError id={`${id}-${key}-move-error`} message={lineErrors?.move?.message} />
              </div>
              <div className="field field-check">
                <button
                  type="button"
                  className="secondary"
                  disabled={lines.fields.length === 1}
                  onClick={() => lines.remove(i)}
                  aria-label={`Remove move ${i + 1}`}
                >
                  Remove
                </button>
              </div>
            </div>
          );
        })}
        <FieldError
          id={`${id}-moves-error`}
          message={errors.moves?.root?.message ?? errors.moves?.message}
        />
        <button type="button" className="secondary" onClick={() => lines.append(EMPTY_MOVE)}>
          Add a move
        </button>
      </fieldset>
      <MutationError error={placed ? null : create.error} />
      <SubmitRow
        label="Add scenario"
        busyLabel="Adding…"
        pending={create.isPending}
        status={created ?? ""}
      />
    </form>
  );
}
