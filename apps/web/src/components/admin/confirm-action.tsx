"use client";

import { type ReactNode, useEffect, useRef, useState } from "react";

/**
 * Whether focus went with the question's buttons (to the page itself), rather than to something
 * the action showed (a temporary password to copy), which keeps it.
 */
function focusIsLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body;
}

/**
 * A destructive button that asks first, in place: the question with the action and Keep. Focus
 * follows the question: to the safe answer (Keep) when asked, back to the button when kept or
 * done (unless the action moved it on). `before` is what stands beside the button while nobody is asked (an Edit button).
 */
export function ConfirmAction({
  action,
  name = action,
  question,
  confirm,
  confirming: busyText,
  pending,
  disabled = false,
  onConfirm,
  before,
}: {
  /** The button's text: "Delete", "Invalidate tenant". */
  action: string;
  /** The button's name for a screen reader, when its text alone is ambiguous: "Delete Leverage". */
  name?: string;
  /** "Delete this limit?" */
  question: string;
  /** The answer that goes ahead: "Delete", "Invalidate". */
  confirm: string;
  /** What that answer says while it runs: "Deleting…". */
  confirming: string;
  pending: boolean;
  disabled?: boolean;
  onConfirm: () => void;
  before?: ReactNode;
}) {
  const [asking, setAsking] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const actionRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (asking) keepRef.current?.focus();
    else if (asked.current && focusIsLost()) actionRef.current?.focus();
    asked.current = asking;
  }, [asking]);
  // Done or refused, the question goes away, so the screen reads as it stands.
  useEffect(() => {
    if (!pending) setAsking(false);
  }, [pending]);

  if (asking) {
    return (
      <span className="confirm">
        <span>{question}</span>
        <button type="button" className="danger" disabled={pending} onClick={onConfirm}>
          {pending ? busyText : confirm}
        </button>
        <button
          ref={keepRef}
          type="button"
          className="secondary"
          disabled={pending}
          onClick={() => setAsking(false)}
        >
          Keep
        </button>
      </span>
    );
  }
  return (
    <>
      {before}
      <button
        ref={actionRef}
        type="button"
        className="danger"
        aria-label={name === action ? undefined : name}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {action}
      </button>
    </>
  );
}
