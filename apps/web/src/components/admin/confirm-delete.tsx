"use client";

import { type ReactNode, useEffect, useRef, useState } from "react";

/**
 * A Delete button that asks first, in place: "Delete this limit?" with Delete and Keep. Focus
 * follows the question: to the safe answer when asked, back to Delete when kept. `before` is
 * what stands beside Delete while nobody is asked (an Edit button).
 */
export function ConfirmDelete({
  name,
  what,
  pending,
  onDelete,
  before,
}: {
  /** Names the row for a screen reader: "Delete Leverage". */
  name: string;
  /** What is deleted, in the question: "limit". */
  what: string;
  pending: boolean;
  onDelete: () => void;
  before?: ReactNode;
}) {
  const [confirming, setConfirming] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (confirming) keepRef.current?.focus();
    else if (asked.current) deleteRef.current?.focus();
    asked.current = confirming;
  }, [confirming]);
  // A refused delete puts the question away, so the row reads as it stands.
  useEffect(() => {
    if (!pending) setConfirming(false);
  }, [pending]);

  if (confirming) {
    return (
      <span className="confirm">
        <span>Delete this {what}?</span>
        <button type="button" className="danger" disabled={pending} onClick={onDelete}>
          {pending ? "Deleting…" : "Delete"}
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
        ref={deleteRef}
        type="button"
        className="danger"
        aria-label={`Delete ${name}`}
        onClick={() => setConfirming(true)}
      >
        Delete
      </button>
    </>
  );
}
