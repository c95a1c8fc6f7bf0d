"use client";

import { type ReactNode, useEffect, useId, useRef, useState } from "react";

/**
 * A secret the server does not keep (a temporary password, an API token), shown this once in a
 * field to copy until the admin says they are done. Focus goes to it, so it is read out as it
 * appears; each new secret starts afresh.
 */
export function ShownOnce({
  heading,
  children,
  label,
  secret,
  onDone,
}: {
  heading: string;
  /** What it is and what to do with it, above the field. */
  children: ReactNode;
  /** The field's label, also the word for it when copying is not allowed ("API token"). */
  label: string;
  secret: string;
  onDone: () => void;
}) {
  const id = useId();
  const fieldRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState("");
  useEffect(() => {
    if (!secret) return;
    setCopied("");
    fieldRef.current?.focus();
    fieldRef.current?.select();
  }, [secret]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("Copied.");
    } catch {
      fieldRef.current?.select();
      setCopied(
        `Copying is not allowed here: the ${label.toLowerCase()} is selected, copy it yourself.`,
      );
    }
  };
  return (
    <section className="panel issued" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      <p>{children}</p>
      <div className="copy-field">
        <label htmlFor={`${id}-secret`}>{label}</label>
        <input
          ref={fieldRef}
          id={`${id}-secret`}
          readOnly
          value={secret}
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
