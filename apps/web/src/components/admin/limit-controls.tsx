import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { FieldError } from "~/components/field-error.tsx";
import {
  type LIMIT_FORM_FIELDS,
  type LimitFormInput,
  SEVERITY_NAMES,
  symbolOrNull,
} from "./limit-form.ts";

type LimitField = (typeof LIMIT_FORM_FIELDS)[number];

/**
 * The controls of a limit's fields, for the form that adds one and the table row that edits
 * one: each lays them out its own way (labelled fields, table cells), the controls are the same.
 * `formId` ties the controls to a form they do not sit in (a <form> may not wrap a <tr>).
 */
export function limitControls({
  id,
  register,
  errors,
  formId,
}: {
  /** Prefix of the controls' ids, unique on the page. */
  id: string;
  register: UseFormRegister<LimitFormInput>;
  errors: FieldErrors<LimitFormInput>;
  formId?: string;
}) {
  const control = (field: LimitField, describedBy = `${id}-${field}-error`) => ({
    id: `${id}-${field}`,
    ...(formId ? { form: formId } : {}),
    "aria-invalid": Boolean(errors[field]),
    "aria-describedby": describedBy,
  });
  // A threshold or a warn fraction: a decimal, with a hint beside it in the form.
  const numberInput = (field: "threshold" | "warnFraction", describedBy?: string) => (
    <input
      type="number"
      inputMode="decimal"
      step="any"
      {...control(field, describedBy)}
      {...register(field, { valueAsNumber: true })}
    />
  );
  return {
    control,
    error: (field: LimitField) => (
      <FieldError id={`${id}-${field}-error`} message={errors[field]?.message} />
    ),
    threshold: (describedBy?: string) => numberInput("threshold", describedBy),
    warnFraction: (describedBy?: string) => numberInput("warnFraction", describedBy),
    symbol: (props: {
      describedBy?: string;
      className?: string;
      readOnly?: boolean;
      placeholder?: string;
    }) => (
      <input
        className={props.className}
        autoComplete="off"
        readOnly={props.readOnly}
        placeholder={props.placeholder}
        {...control("symbol", props.describedBy)}
        {...register("symbol", { setValueAs: symbolOrNull })}
      />
    ),
    severity: () => (
      <select {...control("severity")} {...register("severity")}>
        {Object.entries(SEVERITY_NAMES).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    ),
    active: () => (
      <span className="checkbox">
        <input type="checkbox" {...control("active")} {...register("active")} />
        <label htmlFor={`${id}-active`}>Active</label>
      </span>
    ),
  };
}
