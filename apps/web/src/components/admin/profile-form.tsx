"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { type ProfileFields, ZProfileFields } from "@repo/api/validators";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { useForm } from "react-hook-form";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { MutationError } from "./mutation-error.tsx";
import { PROFILE_FIELDS, ProfileFieldset } from "./profile-fields.tsx";
import { applyServerErrors } from "./server-errors.ts";
import { SubmitRow } from "./submit-row.tsx";
import { useInvalidateTrader } from "./use-invalidate-trader.ts";

function fieldsOf(profile: ProfileFields): ProfileFields {
  const { riskTolerance, varConfidence, lookbackDays, maxDrawdownTolerance } = profile;
  return { riskTolerance, varConfidence, lookbackDays, maxDrawdownTolerance };
}

/**
 * The trader's risk profile. The form remembers the version it was loaded at and sends it with
 * the save, so a change made meanwhile by another admin is refused (CONFLICT) rather than lost.
 */
export function ProfileForm({ traderId }: { traderId: string }) {
  const trpc = useTRPC();
  const id = useId();
  const invalidate = useInvalidateTrader(traderId);
  const profileQuery = useQuery(trpc.risk.profile.get.queryOptions({ traderId }));
  const loaded = profileQuery.data?.profile;
  const [version, setVersion] = useState(loaded?.version ?? 0);
  // Whether the last refusal was fully shown under the fields; otherwise it is said as a sentence.
  const [placed, setPlaced] = useState(false);
  const form = useForm<ProfileFields>({
    resolver: zodResolver(ZProfileFields),
    defaultValues: loaded ? fieldsOf(loaded as ProfileFields) : undefined,
  });
  const { errors, isDirty } = form.formState;

  // A newer profile (after a save or a reload) replaces the form's values unless the admin is
  // editing; then the edit stays and the save meets the CONFLICT with its explanation.
  useEffect(() => {
    if (!loaded || isDirty) return;
    form.reset(fieldsOf(loaded as ProfileFields));
    setVersion(loaded.version);
  }, [loaded, isDirty, form]);

  const save = useMutation(
    trpc.risk.profile.update.mutationOptions({
      onSuccess: async (saved) => {
        form.reset(fieldsOf(saved as ProfileFields));
        setVersion(saved.version);
        await invalidate();
      },
      onError: (error) => setPlaced(applyServerErrors(error, PROFILE_FIELDS, form.setError)),
    }),
  );

  const reload = async () => {
    const fresh = await profileQuery.refetch();
    const profile = fresh.data?.profile;
    if (!profile) return;
    form.reset(fieldsOf(profile as ProfileFields));
    setVersion(profile.version);
    save.reset();
  };

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Risk profile</h2>
      {loaded ? null : (
        <p className="error" role="alert">
          {profileQuery.error ? messageOf(profileQuery.error) : "Loading…"}
        </p>
      )}
      <form
        className="form profile-form"
        aria-labelledby={`${id}-heading`}
        noValidate
        onSubmit={form.handleSubmit((values) => save.mutate({ traderId, version, ...values }))}
      >
        <div className="fields">
          <ProfileFieldset
            id={id}
            register={(name, numeric) => form.register(name, { valueAsNumber: numeric })}
            errors={errors}
          />
        </div>
        <p className="muted version" data-testid="profile-version">
          Loaded at version {version}
          {isDirty ? " · unsaved changes" : ""}
        </p>
        <MutationError
          error={placed ? null : save.error}
          onReload={reload}
          reloading={profileQuery.isFetching}
        />
        <SubmitRow
          label="Save profile"
          busyLabel="Saving…"
          pending={save.isPending}
          disabled={!loaded}
          status={save.isSuccess && !isDirty ? "Saved." : ""}
        />
      </form>
    </section>
  );
}
