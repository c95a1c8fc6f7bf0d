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
 * A button for something that cannot simply be taken back, which asks first, in place: "Delete
 * this limit?" with the action and Keep. Focus follows the question: to the safe answer when
 * asked, back to the button when kept (unless the action moved it on). `before` stands beside
 * the button while nobody is asked.
 */
export function ConfirmAction({
  label,
  busyLabel,
  name,
  question,
  pending,
  onConfirm,
  before,
}: {
  /** The button and the confirming answer: "Delete", "Deactivate". */
  label: string;
  busyLabel: string;
  /** The button's accessible name, naming the row: "Delete Leverage". */
  name: string;
  /** "Delete this limit?" */
  question: string;
  pending: boolean;
  onConfirm: () => void;
  before?: ReactNode;
}) {
  const [confirming, setConfirming] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (confirming) keepRef.current?.focus();
    else if (asked.current && focusIsLost()) askRef.current?.focus();
    asked.current = confirming;
  }, [confirming]);
  // A refused action puts the question away, so the row reads as it stands.
  useEffect(() => {
    if (!pending) setConfirming(false);
  }, [pending]);

  if (confirming) {
    return (
      <span className="confirm">
        <span>{question}</span>
        <button type="button" className="danger" disabled={pending} onClick={onConfirm}>
          {pending ? busyLabel : label}
        </button>
        <button
          ref={keepRef}
          type="button"
          className="secondary"
          disabled={pending}
          onClick={() => setConfirming(false)}
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
        ref={askRef}
        type="button"
        className="danger"
        aria-label={name}
        onClick={() => setConfirming(true)}
      >
        {label}
      </button>
    </>
  );
}
