"use client";

import { ShownOnce } from "./shown-once.tsx";

/** A temporary password just made: for whom, and why (added, or their password reset). */
export interface IssuedPassword {
  name: string;
  password: string;
  reason: "added" | "reset";
}

/** The temporary password, shown this once (the server keeps only its hash). */
export function TemporaryPassword({
  issued,
  onDone,
}: {
  issued: IssuedPassword;
  onDone: () => void;
}) {
  const what =
    issued.reason === "added"
      ? `${issued.name} was added.`
      : `${issued.name}'s password was reset and every session of theirs has ended.`;
  return (
    <ShownOnce
      heading={`Temporary password for ${issued.name}`}
      label="Temporary password"
      secret={issued.password}
      onDone={onDone}
    >
      {what} Give them this password; it is shown only now. When they sign in with it, they choose
      their own before anything else.
    </ShownOnce>
  );
}
