import type { ProfileFields as Profile } from "@repo/api/validators";
import type { UseFormRegisterReturn } from "react-hook-form";
import { FieldError } from "~/components/field-error.tsx";

export const PROFILE_FIELDS = [
  "riskTolerance",
  "varConfidence",
  "lookbackDays",
  "maxDrawdownTolerance",
] as const satisfies readonly (keyof Profile)[];

export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** A first profile for someone new: what most of the firm's books start with. */
export const DEFAULT_PROFILE: Profile = {
  riskTolerance: "MODERATE",
  varConfidence: 0.95,
  lookbackDays: 250,
  maxDrawdownTolerance: 0.2,
};

const TOLERANCES = [
  ["CONSERVATIVE", "Conservative"],
  ["MODERATE", "Moderate"],
  ["AGGRESSIVE", "Aggressive"],
] as const;

/**
 * The four fields of a risk profile, for every form that sets one (editing a trader's profile,
 * adding a trader). `register` binds a field to the form wherever it keeps the profile.
 */
export function ProfileFieldset({
  id,
  register,
  errors,
}: {
  /** Prefix of the controls' ids, unique on the page. */
  id: string;
  register: (name: ProfileField, numeric: boolean) => UseFormRegisterReturn;
  errors: Partial<Record<ProfileField, { message?: string | undefined }>> | undefined;
}) {
  const field = (name: ProfileField) => ({
    id: `${id}-${name}`,
    "aria-invalid": Boolean(errors?.[name]),
    "aria-describedby": `${id}-${name}-error`,
  });
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-riskTolerance`}>Risk tolerance</label>
        <select {...field("riskTolerance")} {...register("riskTolerance", false)}>
          {TOLERANCES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <FieldError id={`${id}-riskTolerance-error`} message={errors?.riskTolerance?.message} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-varConfidence`}>VaR confidence</label>
        <select {...field("varConfidence")} {...register("varConfidence", true)}>
          <option value={0.95}>95%</option>
          <option value={0.99}>99%</option>
        </select>
        <FieldError id={`${id}-varConfidence-error`} message={errors?.varConfidence?.message} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-lookbackDays`}>Lookback days</label>
        <input
          type="number"
          inputMode="numeric"
          step={1}
          {...field("lookbackDays")}
          {...register("lookbackDays", true)}
          aria-describedby={`${id}-lookbackDays-hint ${id}-lookbackDays-error`}
        />
        <span id={`${id}-lookbackDays-hint`} className="hint">
          trading days of history, 20 to 750
        </span>
        <FieldError id={`${id}-lookbackDays-error`} message={errors?.lookbackDays?.message} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-maxDrawdownTolerance`}>Max drawdown tolerance</label>
        <input
          type="number"
          inputMode="decimal"
          step="any"
          {...field("maxDrawdownTolerance")}
          {...register("maxDrawdownTolerance", true)}
          aria-describedby={`${id}-maxDrawdownTolerance-hint ${id}-maxDrawdownTolerance-error`}
        />
        <span id={`${id}-maxDrawdownTolerance-hint`} className="hint">
          fraction of the peak, 0.15 for 15%
        </span>
        <FieldError
          id={`${id}-maxDrawdownTolerance-error`}
          message={errors?.maxDrawdownTolerance?.message}
        />
      </div>
    </>
  );
}
