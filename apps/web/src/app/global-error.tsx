"use client";

import PageError from "./error.tsx";
import "./globals.css";

/**
 * The last resort, when the root layout itself fails: it replaces the whole document, so it
 * brings its own html, body and stylesheet, and shows the same page as any other failure.
 */
export default function GlobalError(props: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body>
        <title>Something went wrong · Risk Dashboard</title>
        <PageError {...props} />
      </body>
    </html>
  );
}
