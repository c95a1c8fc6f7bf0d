"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { MIN_PASSWORD_LENGTH, ZChangePasswordForm } from "@repo/api/validators";
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { MutationError } from "~/components/admin/mutation-error.tsx";
import { applyServerErrors } from "~/components/admin/server-errors.ts";
import { SubmitRow } from "~/components/admin/submit-row.tsx";
import { FieldError } from "~/components/field-error.tsx";
import { useTRPC } from "~/trpc/client.tsx";

type Values = z.infer<typeof ZChangePasswordForm>;
type Field = keyof Values;

const FIELDS = ["currentPassword", "newPassword", "confirmPassword"] as const;

const EMPTY: Values = { currentPassword: "", newPassword: "", confirmPassword: "" };

const LABELS: Record<Field, string> = {
  currentPassword: "Current password",
  newPassword: "New password",
  confirmPassword: "New password again",
};

/**
 * The viewer's own password: the current one, then the new one twice. `then` is where to go
 * once it is changed (home, after a temporary password), or null to stay and say so.
 */
export function ChangePasswordForm({ then }: { then: string | null }) {
  const trpc = useTRPC();
  const id = useId();
  const [placed, setPlaced] = useState(false);
  const form = useForm<Values>({
    resolver: zodResolver(ZChangePasswordForm),
    defaultValues: EMPTY,
  });
  const { errors } = form.formState;
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        form.reset(EMPTY);
        // A full load: the pages read the session afresh, now on a password of the user's own.
        if (then) window.location.assign(then);
      },
      onError: (error) => setPlaced(applyServerErrors(error, FIELDS, form.setError)),
    }),
  );
  const hint = (field: Field) =>
    field === "newPassword" ? (
      <span id={`${id}-${field}-hint`} className="hint">
        at least {MIN_PASSWORD_LENGTH} characters; a few words make a good one
      </span>
    ) : null;
  return (
    <form
      className="panel form password-form"
      aria-label="Change password"
      noValidate
      onSubmit={form.handleSubmit(({ currentPassword, newPassword }) =>
        change.mutate({ currentPassword, newPassword }),
      )}
    >
      {FIELDS.map((field) => (
        <div className="field" key={field}>
          <label htmlFor={`${id}-${field}`}>{LABELS[field]}</label>
          <input
            id={`${id}-${field}`}
            type="password"
            autoComplete={field === "currentPassword" ? "current-password" : "new-password"}
            aria-invalid={Boolean(errors[field])}
            aria-describedby={`${field === "newPassword" ? `${id}-${field}-hint ` : ""}${id}-${field}-error`}
            {...form.register(field)}
          />
          {hint(field)}
          <FieldError id={`${id}-${field}-error`} message={errors[field]?.message} />
        </div>
      ))}
      <MutationError error={placed ? null : change.error} />
      <SubmitRow
        label="Change password"
        busyLabel="Changing…"
        pending={change.isPending || (change.isSuccess && then !== null)}
        status={
          change.isSuccess
            ? then
              ? "Password changed. Taking you to your page…"
              : "Password changed. Your other sessions have ended."
            : ""
        }
      />
    </form>
  );
}
