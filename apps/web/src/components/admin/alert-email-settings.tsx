"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { ZAlertsOutEmailForm } from "@repo/api/validators";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FieldError } from "~/components/field-error.tsx";
import { useTRPC } from "~/trpc/client.tsx";
import { MutationError } from "./mutation-error.tsx";
import { applyServerErrors } from "./server-errors.ts";
import { SubmitRow } from "./submit-row.tsx";

type Input = z.input<typeof ZAlertsOutEmailForm>;
type Output = z.output<typeof ZAlertsOutEmailForm>;
const FIELDS = ["recipients"] as const;

/** Who gets an email per event: off (no one) by default, and unavailable without SMTP_URL. */
export function AlertEmailSettings() {
  const trpc = useTRPC();
  const id = useId();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.admin.alertsOut.settings.queryOptions());
  const [placed, setPlaced] = useState(false);
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(ZAlertsOutEmailForm),
    defaultValues: { recipients: "" },
  });
  const saved = (settings.data?.emailRecipients ?? []).join(", ");
  useEffect(() => form.reset({ recipients: saved }), [form, saved]);
  const { errors } = form.formState;
  const save = useMutation(
    trpc.admin.alertsOut.setEmail.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(trpc.admin.alertsOut.settings.queryKey(), data),
      onError: (error) => setPlaced(applyServerErrors(error, FIELDS, form.setError)),
    }),
  );
  if (!settings.data) return null;
  const available = settings.data.emailAvailable;
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Email</h2>
      {available ? null : (
        <p className="muted">
          Email is not available: the server has no SMTP_URL. Ask whoever runs it to set one.
        </p>
      )}
      <form
        className="form"
        aria-labelledby={`${id}-heading`}
        noValidate
        onSubmit={form.handleSubmit((values) => save.mutate(values))}
      >
        <div className="fields single">
          <div className="field">
            <label htmlFor={`${id}-recipients`}>Recipients</label>
            <textarea
              id={`${id}-recipients`}
              rows={2}
              disabled={!available && saved === ""}
              placeholder="risk-desk@example.com, cro@example.com"
              aria-invalid={Boolean(errors.recipients)}
              aria-describedby={`${id}-recipients-hint ${id}-recipients-error`}
              {...form.register("recipients")}
            />
            <p className="muted" id={`${id}-recipients-hint`}>
              One plain-text email per event to each address. Empty: no email (the default).
            </p>
            <FieldError id={`${id}-recipients-error`} message={errors.recipients?.message} />
          </div>
        </div>
        <MutationError error={placed ? null : save.error} />
        <SubmitRow
          label="Save recipients"
          busyLabel="Saving…"
          pending={save.isPending}
          disabled={!available && saved === ""}
          status={save.isSuccess ? "Saved." : ""}
        />
      </form>
    </section>
  );
}
