"use client";

import { ShownOnce } from "./shown-once.tsx";

/** A token just made: its name and its secret, which the server does not keep. */
export interface IssuedToken {
  name: string;
  secret: string;
}

/** The token's secret, shown this once (only its SHA-256 is kept). */
export function TokenSecret({ issued, onDone }: { issued: IssuedToken; onDone: () => void }) {
  return (
    <ShownOnce
      heading={`Token ${issued.name}`}
      label="API token"
      secret={issued.secret}
      onDone={onDone}
    >
      Copy this token into the system that will use it now: it will not be shown again. Lost, it
      cannot be recovered; revoke it and make another.
    </ShownOnce>
  );
}
