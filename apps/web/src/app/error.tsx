"use client";

import { StatusPage } from "~/components/status-page.tsx";

/**
 * What a page shows when it fails to render (a 500): the app's frame instead of Next's, a way
 * to try again, and the reference the server logged the error under.
 */
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest =
    error instanceof Error && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : null;
  return (
    <StatusPage
      title="Something went wrong"
      lead={`This page could not be shown just now. Try again in a moment; if it keeps failing, give your administrator this page's reference${digest ? `: ${digest}` : ""}.`}
    >
      <button type="button" onClick={retry}>
        Try again
      </button>
    </StatusPage>
  );
}
