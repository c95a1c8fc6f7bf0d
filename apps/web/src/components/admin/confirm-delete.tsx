"use client";

import type { ReactNode } from "react";
import { ConfirmAction } from "./confirm-action.tsx";

/** A Delete button that asks first, in place: "Delete this limit?" with Delete and Keep. */
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
  return (
    <ConfirmAction
      label="Delete"
      busyLabel="Deleting…"
      name={`Delete ${name}`}
      question={`Delete this ${what}?`}
      pending={pending}
      onConfirm={onDelete}
      before={before}
    />
  );
}
