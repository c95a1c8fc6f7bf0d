"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  type TAuditFilterForm,
  ZAuditFilterForm,
} from "@repo/api/validators";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useForm } from "react-hook-form";
import { FieldError } from "~/components/field-error.tsx";
import { useTRPC } from "~/trpc/client.tsx";
import { NO_FILTERS } from "./audit-query.ts";
import { ACTION_NAMES, ENTITY_NAMES } from "./audit-words.ts";

type Field = keyof TAuditFilterForm;

/**
 * The audit log's filters: who, what kind, which action, and a range of days (in the viewer's
 * zone). "Show" applies them; "Clear" goes back to everything. What was entered stays on an error.
 */
export function AuditFilters({
  onApply,
  serverErrors,
}: {
  onApply: (filters: TAuditFilterForm) => void;
  /** Field errors of the API's answer, placed under the fields as the browser's own are. */
  serverErrors: Partial<Record<Field, string>>;
}) {
  const trpc = useTRPC();
  const id = useId();
  const actors = useQuery(trpc.admin.auditActors.queryOptions());
  const form = useForm<TAuditFilterForm>({
    resolver: zodResolver(ZAuditFilterForm),
    defaultValues: NO_FILTERS,
  });
  const { errors } = form.formState;
  const control = (field: Field) => ({
    id: `${id}-${field}`,
    "aria-invalid": Boolean(errors[field] ?? serverErrors[field]),
    "aria-describedby": `${id}-${field}-error`,
    ...form.register(field),
  });
  const error = (field: Field) => (
    <FieldError
      id={`${id}-${field}-error`}
      message={errors[field]?.message ?? serverErrors[field]}
    />
  );

  return (
    <form
      className="panel form audit-filters"
      aria-label="Filter the audit log"
      noValidate
      onSubmit={form.handleSubmit(onApply)}
    >
      <div className="fields">
        <div className="field">
          <label htmlFor={`${id}-actorId`}>Person</label>
          <select {...control("actorId")}>
            <option value="">Anyone</option>
            {actors.data?.actors.map((actor) => (
              <option key={actor.id} value={actor.id}>
                {actor.name}
              </option>
            ))}
          </select>
          {error("actorId")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-entity`}>Kind</label>
          <select {...control("entity")}>
            <option value="">Any kind</option>
            {AUDIT_ENTITIES.map((entity) => (
              <option key={entity} value={entity}>
                {ENTITY_NAMES[entity]}
              </option>
            ))}
          </select>
          {error("entity")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-action`}>Action</label>
          <select {...control("action")}>
            <option value="">Any action</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {ACTION_NAMES[action]}
              </option>
            ))}
          </select>
          {error("action")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>From (day)</label>
          <input type="date" {...control("from")} />
          {error("from")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>To (day, included)</label>
          <input type="date" {...control("to")} />
          {error("to")}
        </div>
      </div>
      <div className="actions">
        <button type="submit">Show</button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            form.reset(NO_FILTERS);
            onApply(NO_FILTERS);
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
