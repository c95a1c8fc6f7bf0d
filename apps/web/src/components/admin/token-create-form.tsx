"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { TOKEN_SCOPES, ZCreateTokenFields } from "@repo/api/validators";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FieldError } from "~/components/field-error.tsx";
import { useTRPC } from "~/trpc/client.tsx";
import { MutationError } from "./mutation-error.tsx";
import { applyServerErrors } from "./server-errors.ts";
import { SubmitRow } from "./submit-row.tsx";
import type { IssuedToken } from "./token-secret.tsx";
import { SCOPE_NAMES } from "./token-words.ts";

type Input = z.input<typeof ZCreateTokenFields>;
type Output = z.output<typeof ZCreateTokenFields>;

const FIELDS = ["name", "scopes"] as const;
const EMPTY: Input = { name: "", scopes: [] };

/** Makes a token: a name the firm's list tells it by, and what it may post. */
export function TokenCreateForm({ onIssued }: { onIssued: (issued: IssuedToken) => void }) {
  const trpc = useTRPC();
  const id = useId();
  const queryClient = useQueryClient();
  const [placed, setPlaced] = useState(false);
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(ZCreateTokenFields),
    defaultValues: EMPTY,
  });
  const { errors } = form.formState;
  const create = useMutation(
    trpc.admin.tokens.create.mutationOptions({
      onSuccess: async ({ token, secret }) => {
        form.reset(EMPTY);
        onIssued({ name: token.name, secret });
        await Promise.all([
          queryClient.invalidateQueries(trpc.admin.tokens.list.pathFilter()),
          queryClient.invalidateQueries(trpc.admin.auditLog.pathFilter()),
        ]);
      },
      onError: (error) => setPlaced(applyServerErrors(error, FIELDS, form.setError)),
    }),
  );
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Make a token</h2>
      <form
        className="form"
        aria-labelledby={`${id}-heading`}
        noValidate
        onSubmit={form.handleSubmit((values) => create.mutate(values))}
      >
        <div className="fields">
          <div className="field">
            <label htmlFor={`${id}-name`}>Name</label>
            <input
              id={`${id}-name`}
              autoComplete="off"
              aria-invalid={Boolean(errors.name)}
              aria-describedby={`${id}-name-hint ${id}-name-error`}
              {...form.register("name")}
            />
            <span id={`${id}-name-hint`} className="hint">
              the system that will use it, e.g. "Market data feed"
            </span>
            <FieldError id={`${id}-name-error`} message={errors.name?.message} />
          </div>
          <fieldset
            className="field scopes"
            aria-invalid={Boolean(errors.scopes)}
            aria-describedby={`${id}-scopes-error`}
          >
            <legend>May post</legend>
            {TOKEN_SCOPES.map((scope) => (
              <span key={scope} className="checkbox">
                <input
                  type="checkbox"
                  id={`${id}-scope-${scope}`}
                  value={scope}
                  {...form.register("scopes")}
                />
                <label htmlFor={`${id}-scope-${scope}`}>{SCOPE_NAMES[scope]}</label>
              </span>
            ))}
            <FieldError id={`${id}-scopes-error`} message={errors.scopes?.message} />
          </fieldset>
        </div>
        <MutationError error={placed ? null : create.error} />
        <SubmitRow
          label="Make token"
          busyLabel="Making…"
          pending={create.isPending}
          status={create.isSuccess ? "Made: copy it above." : ""}
        />
      </form>
    </section>
  );
}
