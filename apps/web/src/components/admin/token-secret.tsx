"use client";

import { useEffect, useId, useRef, useState } from "react";

/** A token just made: its name and its secret, which the server does not keep. */
export interface IssuedToken {
  name: string;
  secret: string;
}

/**
 * The token's secret, shown this once in a field to copy (only its SHA-256 is kept), until the
 * admin says they are done. Focus goes to it, so it is read out as it appears.
 */
export function TokenSecret({ issued, onDone }: { issued: IssuedToken; onDone: () => void }) {
  const id = useId();
  const fieldRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState("");
  useEffect(() => {
    setCopied("");
    fieldRef.current?.focus();
    fieldRef.current?.select();
  }, [issued]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.secret);
      setCopied("Copied.");
    } catch {
      fieldRef.current?.select();
      setCopied("Copying is not allowed here: the token is selected, copy it yourself.");
    }
  };
  return (
    <section className="panel issued" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Token {issued.name}</h2>
      <p>
        Copy this token into the system that will use it now: it will not be shown again. Lost, it
        cannot be recovered; revoke it and make another.
      </p>
      <div className="copy-field">
        <label htmlFor={`${id}-secret`}>API token</label>
        <input
          ref={fieldRef}
          id={`${id}-secret`}
          readOnly
          value={issued.secret}
          spellCheck={false}
          autoComplete="off"
        />
        <button type="button" onClick={copy}>
          Copy
        </button>
      </div>
      <div className="actions">
        <button type="button" className="secondary" onClick={onDone}>
          Done
        </button>
        <p className="saved" role="status">
          {copied}
        </p>
      </div>
    </section>
  );
}
