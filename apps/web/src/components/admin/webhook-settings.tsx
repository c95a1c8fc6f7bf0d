"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { type TAlertsOutWebhookInput, ZAlertsOutWebhookInput } from "@repo/api/validators";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { useForm } from "react-hook-form";
import { FieldError } from "~/components/field-error.tsx";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { ConfirmAction } from "./confirm-action.tsx";
import { MutationError } from "./mutation-error.tsx";
import { applyServerErrors } from "./server-errors.ts";
import { SubmitRow } from "./submit-row.tsx";

const FIELDS = ["url"] as const;

/**
 * The firm's webhook: its URL, the secret receivers verify signatures with (shown, rotated on
 * request), and a test event sent at once with the receiver's answer.
 */
export function WebhookSettings() {
  const trpc = useTRPC();
  const id = useId();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.admin.alertsOut.settings.queryOptions());
  const [placed, setPlaced] = useState(false);
  const form = useForm<TAlertsOutWebhookInput>({
    resolver: zodResolver(ZAlertsOutWebhookInput),
    defaultValues: { url: "" },
  });
  const saved = settings.data?.webhookUrl ?? "";
  useEffect(() => form.reset({ url: saved }), [form, saved]);
  const { errors } = form.formState;
  const onSaved = (data: NonNullable<typeof settings.data>) =>
    queryClient.setQueryData(trpc.admin.alertsOut.settings.queryKey(), data);
  const save = useMutation(
    trpc.admin.alertsOut.setWebhook.mutationOptions({
      onSuccess: onSaved,
      onError: (error) => setPlaced(applyServerErrors(error, FIELDS, form.setError)),
    }),
  );
  const rotate = useMutation(
    trpc.admin.alertsOut.rotateSecret.mutationOptions({ onSuccess: onSaved }),
  );
  const test = useMutation(trpc.admin.alertsOut.sendTest.mutationOptions());

  if (!settings.data) {
    return (
      <p className={settings.error ? "error" : "muted"} role="alert">
        {settings.error ? messageOf(settings.error) : "Loading…"}
      </p>
    );
  }
  const { webhookSecret, allowLocalHttp } = settings.data;
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Webhook</h2>
      <form
        className="form"
        aria-labelledby={`${id}-heading`}
        noValidate
        onSubmit={form.handleSubmit((values) => save.mutate(values))}
      >
        <div className="fields single">
          <div className="field">
            <label htmlFor={`${id}-url`}>URL</label>
            <input
              id={`${id}-url`}
              type="url"
              inputMode="url"
              autoComplete="off"
              placeholder="https://hooks.example.com/risk"
              aria-invalid={Boolean(errors.url)}
              aria-describedby={`${id}-url-hint ${id}-url-error`}
              {...form.register("url")}
            />
            <p className="muted" id={`${id}-url-hint`}>
              https only{allowLocalHttp ? " (http to localhost is allowed outside production)" : ""}
              ; redirects are not followed. Empty: no webhook.
            </p>
            <FieldError id={`${id}-url-error`} message={errors.url?.message} />
          </div>
        </div>
        <MutationError error={placed ? null : save.error} />
        <SubmitRow
          label="Save URL"
          busyLabel="Saving…"
          pending={save.isPending}
          status={save.isSuccess ? "Saved." : ""}
        />
      </form>
      {webhookSecret ? (
        <div className="webhook-secret">
          <h3>Signing secret</h3>
          <p className="muted">
            Every request carries <code>webhook-id</code>, <code>webhook-timestamp</code> and{" "}
            <code>webhook-signature</code> (Standard Webhooks); verify them with this secret and
            drop an event id you have seen.
          </p>
          <p>
            <code className="secret">{webhookSecret}</code>
          </p>
          <ConfirmAction
            action="Rotate secret"
            question="Make a new secret? The current one stops verifying at once."
            confirm="Rotate"
            confirming="Rotating…"
            pending={rotate.isPending}
            onConfirm={() => rotate.mutate()}
          />
          <MutationError error={rotate.error} />
        </div>
      ) : null}
      {saved ? (
        <div className="actions">
          <button
            type="button"
            className="secondary"
            disabled={test.isPending}
            onClick={() => test.mutate()}
          >
            {test.isPending ? "Sending…" : "Send a test event"}
          </button>
          <p className="saved" role="status">
            {test.data
              ? test.data.ok
                ? `Delivered: the receiver answered ${test.data.status}.`
                : `Not delivered: ${test.data.error}`
              : ""}
          </p>
          <MutationError error={test.error} />
        </div>
      ) : null}
    </section>
  );
}
