"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { ZAddTraderFields } from "@repo/api/validators";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { type DefaultValues, useForm } from "react-hook-form";
import type { z } from "zod";
import { FieldError } from "~/components/field-error.tsx";
import { useTRPC } from "~/trpc/client.tsx";
import { MutationError } from "./mutation-error.tsx";
import { DEFAULT_PROFILE, PROFILE_FIELDS, ProfileFieldset } from "./profile-fields.tsx";
import { applyServerErrors } from "./server-errors.ts";
import { SubmitRow } from "./submit-row.tsx";
import type { IssuedPassword } from "./temporary-password.tsx";

type Input = z.input<typeof ZAddTraderFields>;
type Output = z.output<typeof ZAddTraderFields>;

const FIELDS = [
  "name",
  "email",
  "startingCash",
  "copyLimitsFrom",
  ...PROFILE_FIELDS.map((field) => `profile.${field}` as const),
] as const;

// An undefined amount leaves the box empty, after a reset too (a NaN would be written in).
const EMPTY: DefaultValues<Input> = {
  name: "",
  email: "",
  startingCash: undefined,
  profile: DEFAULT_PROFILE,
  copyLimitsFrom: null,
};

/**
 * Adds a trader to the firm: who they are, their starting cash, a first risk profile and,
 * optionally, a copy of another trader's active limits. What was typed stays on a refusal.
 */
export function AddTraderForm({ onIssued }: { onIssued: (issued: IssuedPassword) => void }) {
  const trpc = useTRPC();
  const id = useId();
  const queryClient = useQueryClient();
  const people = useQuery(trpc.admin.people.list.queryOptions());
  const traders = (people.data ?? []).filter((p) => p.role === "TRADER" && p.active);
  const [placed, setPlaced] = useState(false);
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(ZAddTraderFields),
    defaultValues: EMPTY,
  });
  const { errors } = form.formState;
  const add = useMutation(
    trpc.admin.people.add.mutationOptions({
      onSuccess: async ({ person, temporaryPassword }) => {
        form.reset(EMPTY);
        form.setValue("startingCash", "" as unknown as number);
        onIssued({ name: person.name, password: temporaryPassword, reason: "added" });
        await Promise.all([
          queryClient.invalidateQueries(trpc.admin.people.list.pathFilter()),
          queryClient.invalidateQueries(trpc.admin.traders.pathFilter()),
        ]);
      },
      onError: (error) => setPlaced(applyServerErrors(error, FIELDS, form.setError)),
    }),
  );
  const control = (field: "name" | "email" | "startingCash" | "copyLimitsFrom") => ({
    id: `${id}-${field}`,
    "aria-invalid": Boolean(errors[field]),
    "aria-describedby": `${id}-${field}-error`,
  });
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Add trader</h2>
      <form
        className="form"
        aria-labelledby={`${id}-heading`}
        noValidate
        onSubmit={form.handleSubmit((values) => add.mutate(values))}
      >
        <div className="fields">
          <div className="field">
            <label htmlFor={`${id}-name`}>Name</label>
            <input autoComplete="off" {...control("name")} {...form.register("name")} />
            <FieldError id={`${id}-name-error`} message={errors.name?.message} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-email`}>Email</label>
            <input
              type="email"
              autoComplete="off"
              {...control("email")}
              {...form.register("email")}
            />
            <FieldError id={`${id}-email-error`} message={errors.email?.message} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-startingCash`}>Starting cash</label>
            <input
              type="number"
              inputMode="decimal"
              step="any"
              {...control("startingCash")}
              aria-describedby={`${id}-startingCash-hint ${id}-startingCash-error`}
              {...form.register("startingCash", { valueAsNumber: true })}
            />
            <span id={`${id}-startingCash-hint`} className="hint">
              dollars in the account on day one
            </span>
            <FieldError id={`${id}-startingCash-error`} message={errors.startingCash?.message} />
          </div>
          <ProfileFieldset
            id={`${id}-profile`}
            register={(name, numeric) =>
              form.register(`profile.${name}`, { valueAsNumber: numeric })
            }
            errors={errors.profile}
          />
          <div className="field">
            <label htmlFor={`${id}-copyLimitsFrom`}>Copy limits from</label>
            <select
              {...control("copyLimitsFrom")}
              {...form.register("copyLimitsFrom", {
                setValueAs: (value: string | null) => (value ? value : null),
              })}
            >
              <option value="">No one</option>
              {traders.map((trader) => (
                <option key={trader.id} value={trader.id}>
                  {trader.name}
                </option>
              ))}
            </select>
            <FieldError
              id={`${id}-copyLimitsFrom-error`}
              message={errors.copyLimitsFrom?.message}
            />
          </div>
        </div>
        <MutationError error={placed ? null : add.error} />
        <SubmitRow
          label="Add trader"
          busyLabel="Adding…"
          pending={add.isPending}
          status={add.isSuccess ? "Added." : ""}
        />
      </form>
    </section>
  );
}
