"use client";

import { ZAlertNote } from "@repo/api/validators";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { memo, useId, useState } from "react";
import { FieldError } from "~/components/field-error.tsx";
import { messageOf } from "~/lib/errors.ts";
import { limitValue, whenOf } from "~/lib/format.ts";
import { useTimeZone } from "~/lib/use-time-zone.ts";
import { useTRPC } from "~/trpc/client.tsx";
import type { AlertRow } from "~/trpc/types.ts";

function AcknowledgeForm({ alert, traderId }: { alert: AlertRow; traderId?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const [fieldError, setFieldError] = useState<string>();
  const id = useId();
  const acknowledge = useMutation(
    trpc.risk.alerts.acknowledge.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.risk.dashboard.queryKey() }),
          queryClient.invalidateQueries(trpc.risk.alerts.history.pathFilter()),
        ]),
    }),
  );
  return (
    <form
      className="ack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = ZAlertNote.safeParse(note);
        setFieldError(parsed.success ? undefined : parsed.error.issues[0]?.message);
        if (parsed.success) acknowledge.mutate({ alertId: alert.id, note: parsed.data, traderId });
      }}
    >
      <label htmlFor={`${id}-note`}>Note</label>
      <input
        id={`${id}-note`}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        placeholder="What is being done about it"
        aria-invalid={Boolean(fieldError)}
        aria-describedby={`${id}-error`}
      />
      <button type="submit" disabled={acknowledge.isPending}>
        Acknowledge
      </button>
      <FieldError
        id={`${id}-error`}
        message={fieldError ?? (acknowledge.error ? messageOf(acknowledge.error) : undefined)}
      />
    </form>
  );
}

/** Open alerts, newest first; each can be acknowledged with a note once. */
export const AlertsPanel = memo(function AlertsPanel({
  alerts,
  currency,
  traderId,
}: {
  alerts: readonly AlertRow[];
  currency: string;
  traderId?: string;
}) {
  const timeZone = useTimeZone();
  if (alerts.length === 0) return <p className="muted">No open alerts.</p>;
  return (
    <ul className="alerts" aria-label="Open alerts">
      {alerts.map((alert) => (
        <li key={alert.id} data-level={alert.level}>
          <p className="alert-head">
            <strong>{alert.level === "BREACH" ? "Breach" : "Warning"}</strong> · {alert.message}
          </p>
          <p className="muted">
            {limitValue(alert.limit.type, alert.value, currency)} against{" "}
            {limitValue(alert.limit.type, alert.threshold, currency)} · raised{" "}
            {whenOf(alert.raisedAt, timeZone)}
          </p>
          {alert.acknowledgedAt ? (
            <p className="acknowledged">
              Acknowledged by {alert.acknowledgedBy ?? "someone"}: “{alert.note}”
            </p>
          ) : (
            <AcknowledgeForm alert={alert} traderId={traderId} />
          )}
        </li>
      ))}
    </ul>
  );
});
