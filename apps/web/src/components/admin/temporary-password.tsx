"use client";

import { useEffect, useId, useRef, useState } from "react";

/** A temporary password just made: for whom, and why (added, or their password reset). */
export interface IssuedPassword {
  name: string;
  password: string;
  reason: "added" | "reset";
}

/**
 * The temporary password, shown this once in a field to copy (the server keeps only its hash),
 * until the admin says they are done. Focus goes to it, so it is read out as it appears.
 */
export function TemporaryPassword({
  issued,
  onDone,
}: {
  issued: IssuedPassword;
  onDone: () => void;
}) {
  const id = useId();
  const fieldRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string>("");
  useEffect(() => {
    setCopied("");
    fieldRef.current?.focus();
    fieldRef.current?.select();
  }, [issued]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.password);
      setCopied("Copied.");
    } catch {
      fieldRef.current?.select();
      setCopied("Copying is not allowed here: the password is selected, copy it yourself.");
    }
  };
  const what =
    issued.reason === "added"
      ? `${issued.name} was added.`
      : `${issued.name}'s password was reset and every session of theirs has ended.`;
  return (
    <section className="panel issued" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Temporary password for {issued.name}</h2>
      <p>
        {what} Give them this password; it is shown only now. When they sign in with it, they choose
        their own before anything else.
      </p>
      <div className="copy-field">
        <label htmlFor={`${id}-password`}>Temporary password</label>
        <input
          ref={fieldRef}
          id={`${id}-password`}
          readOnly
          value={issued.password}
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
