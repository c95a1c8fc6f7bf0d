"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { useForm } from "react-hook-form";
import { limitName } from "~/lib/format.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { limitControls } from "./limit-controls.tsx";
import {
  LIMIT_FORM_FIELDS,
  type LimitFormInput,
  type LimitFormOutput,
  type LimitView,
  takesSymbol,
  ZLimitForm,
} from "./limit-form.ts";
import { applyServerErrors } from "./server-errors.ts";
import { useInvalidateTrader } from "./use-invalidate-trader.ts";

type EditableField = Exclude<(typeof LIMIT_FORM_FIELDS)[number], "type">;

/**
 * A limit row turned into a form. The inputs sit in the row's cells and belong to the form in
 * the last cell through their `form` attribute (a <form> may not wrap a <tr>). The version sent
 * is the one the edit started from.
 */
export function LimitEditRow({
  traderId,
  limit,
  onDone,
  onFailure,
}: {
  traderId: string;
  limit: LimitView;
  onDone: () => void;
  onFailure: (error: unknown) => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const formId = `${id}-form`;
  const invalidate = useInvalidateTrader(traderId);
  const name = limitName(limit.type, limit.symbol);
  const [version] = useState(limit.version);
  const form = useForm<LimitFormInput, unknown, LimitFormOutput>({
    resolver: zodResolver(ZLimitForm),
    defaultValues: {
      type: limit.type,
      threshold: limit.threshold,
      warnFraction: limit.warnFraction,
      severity: limit.severity,
      symbol: limit.symbol,
      active: limit.active,
    },
  });
  const { errors } = form.formState;
  useEffect(() => form.setFocus("threshold"), [form]);

  const save = useMutation(
    trpc.risk.limits.update.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onDone();
      },
      onError: (error) => {
        if (!applyServerErrors(error, LIMIT_FORM_FIELDS, form.setError)) onFailure(error);
      },
    }),
  );

  const controls = limitControls({ id, register: form.register, errors, formId });
  const label = (field: EditableField, text: string) => (
    <label className="visually-hidden" htmlFor={`${id}-${field}`}>
      {text}
    </label>
  );

  return (
    <tr className="editing">
      <th scope="row">{name}</th>
      <td>
        {takesSymbol(limit.type) ? (
          <>
            {label("symbol", "Symbol")}
            {controls.symbol({ className: "symbol-input" })}
            {controls.error("symbol")}
          </>
        ) : (
          <span className="muted">Whole book</span>
        )}
      </td>
      <td className="num">
        {label("threshold", "Threshold")}
        {controls.threshold()}
        {controls.error("threshold")}
      </td>
      <td className="num">
        {label("warnFraction", "Warn fraction")}
        {controls.warnFraction()}
        {controls.error("warnFraction")}
      </td>
      <td>
        {label("severity", "Severity")}
        {controls.severity()}
        {controls.error("severity")}
      </td>
      <td>
        {controls.active()}
        {controls.error("active")}
      </td>
      <td className="row-actions">
        <form
          id={formId}
          aria-label={`Edit ${name}`}
          noValidate
          onSubmit={form.handleSubmit((values) => {
            onFailure(null);
            save.mutate({ traderId, id: limit.id, version, ...values });
          })}
        >
          <button type="submit" aria-label={`Save ${name}`} disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save"}
          </button>
          <button
            type="button"
            className="secondary"
            aria-label={`Cancel editing ${name}`}
            onClick={onDone}
            disabled={save.isPending}
          >
            Cancel
          </button>
        </form>
      </td>
    </tr>
  );
}
