"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { type DefaultValues, useForm } from "react-hook-form";
import { limitName } from "~/lib/format.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { limitControls } from "./limit-controls.tsx";
import {
  LIMIT_FORM_FIELDS,
  LIMIT_TYPES,
  type LimitFormInput,
  type LimitFormOutput,
  takesSymbol,
  thresholdUnit,
  ZLimitForm,
} from "./limit-form.ts";
import { MutationError } from "./mutation-error.tsx";
import { applyServerErrors } from "./server-errors.ts";
import { SubmitRow } from "./submit-row.tsx";
import { useInvalidateTrader } from "./use-invalidate-trader.ts";

// An undefined threshold leaves the box empty, after a reset too (a NaN would be written in).
const EMPTY: DefaultValues<LimitFormInput> = {
  type: "MAX_GROSS_EXPOSURE",
  threshold: undefined,
  warnFraction: 0.8,
  severity: "HARD",
  symbol: null,
  active: true,
};

/** Adds a limit to the trader's book; the symbol box is only open for a per-symbol limit. */
export function LimitCreateForm({ traderId }: { traderId: string }) {
  const trpc = useTRPC();
  const id = useId();
  const invalidate = useInvalidateTrader(traderId);
  const [placed, setPlaced] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const form = useForm<LimitFormInput, unknown, LimitFormOutput>({
    resolver: zodResolver(ZLimitForm),
    defaultValues: EMPTY,
  });
  const { errors } = form.formState;
  const type = form.watch("type");
  const symbolApplies = takesSymbol(type);

  // A book-wide limit has no symbol: clear what was typed when the type stops taking one.
  useEffect(() => {
    if (!symbolApplies) form.setValue("symbol", null);
  }, [symbolApplies, form]);

  const create = useMutation(
    trpc.risk.limits.create.mutationOptions({
      onSuccess: async (limit) => {
        form.reset(EMPTY);
        // reset() leaves a box whose new value is undefined as typed; empty it for the next one.
        form.setValue("threshold", "" as unknown as number);
        await invalidate();
        // Said once the table shows the new row, so the two never disagree.
        setCreated(`Added ${limitName(limit.type, limit.symbol)}.`);
      },
      onError: (error) => setPlaced(applyServerErrors(error, LIMIT_FORM_FIELDS, form.setError)),
    }),
  );

  const controls = limitControls({ id, register: form.register, errors });

  return (
    <form
      className="form limit-create"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={form.handleSubmit((values) => {
        setCreated(null);
        create.mutate({ traderId, ...values });
      })}
    >
      <h3 id={`${id}-heading`}>New limit</h3>
      <div className="fields">
        <div className="field">
          <label htmlFor={`${id}-type`}>Limit type</label>
          <select {...controls.control("type")} {...form.register("type")}>
            {LIMIT_TYPES.map((value) => (
              <option key={value} value={value}>
                {limitName(value)}
              </option>
            ))}
          </select>
          {controls.error("type")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-threshold`}>Threshold</label>
          {controls.threshold(`${id}-threshold-unit ${id}-threshold-error`)}
          <span id={`${id}-threshold-unit`} className="hint">
            {thresholdUnit(type)}
          </span>
          {controls.error("threshold")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-warnFraction`}>Warn fraction</label>
          {controls.warnFraction(`${id}-warnFraction-hint ${id}-warnFraction-error`)}
          <span id={`${id}-warnFraction-hint`} className="hint">
            share of the threshold that warns, 0.8 for 80%
          </span>
          {controls.error("warnFraction")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-severity`}>Severity</label>
          {controls.severity()}
          {controls.error("severity")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-symbol`}>Symbol</label>
          {controls.symbol({
            readOnly: !symbolApplies,
            placeholder: symbolApplies ? "e.g. AAPL" : "whole book",
            describedBy: `${id}-symbol-hint ${id}-symbol-error`,
          })}
          <span id={`${id}-symbol-hint`} className="hint">
            {symbolApplies ? "the one instrument it caps" : "only for a position notional limit"}
          </span>
          {controls.error("symbol")}
        </div>
        <div className="field field-check">
          {controls.active()}
          {controls.error("active")}
        </div>
      </div>
      <MutationError error={placed ? null : create.error} />
      <SubmitRow
        label="Add limit"
        busyLabel="Adding…"
        pending={create.isPending}
        status={created ?? ""}
      />
    </form>
  );
}
