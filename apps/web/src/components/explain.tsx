import { useId } from "react";

/**
 * A short explanation of a number, behind a small "?" that shows it on hover and on keyboard
 * focus (and is read with the button by a screen reader, as its description).
 */
export function Explain({ about, children }: { about: string; children: string }) {
  const id = useId();
  return (
    <span className="explain">
      <button type="button" aria-label={`What is ${about}?`} aria-describedby={id}>
        ?
      </button>
      <span role="tooltip" id={id}>
        {children}
      </span>
    </span>
  );
}
