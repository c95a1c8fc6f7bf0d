import type { ReactNode } from "react";

/**
 * A table's own sideways scroll box: on a phone a wide table scrolls inside it, never the page.
 * A named region that takes focus, so a keyboard can scroll it and a screen reader says what it
 * holds.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll box must take focus to be scrolled by keyboard.
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
