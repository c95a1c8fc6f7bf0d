"use client";

import { errorCode, messageOf } from "~/lib/errors.ts";

/**
 * A failed save said as a sentence, in a slot that is always there so the form never jumps. A
 * CONFLICT (someone else saved first) comes with a Reload button that fetches the latest version.
 */
export function MutationError({
  error,
  onReload,
  reloading = false,
}: {
  error: unknown;
  onReload?: () => void;
  reloading?: boolean;
}) {
  const conflict = errorCode(error) === "CONFLICT";
  return (
    <div className="mutation-error" role="alert">
      {error ? <p className="error">{messageOf(error)}</p> : null}
      {error && conflict && onReload ? (
        <button type="button" className="secondary" onClick={onReload} disabled={reloading}>
          {reloading ? "Reloading…" : "Reload"}
        </button>
      ) : null}
    </div>
  );
}
