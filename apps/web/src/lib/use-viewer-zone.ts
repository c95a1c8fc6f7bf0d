"use client";

import { useSyncExternalStore } from "react";

const never = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
// The server does not know the viewer's zone: its paint, and the hydration of it, say UTC, and
// the browser then re-renders in its own.
const serverZone = () => "UTC";

/** The viewer's IANA time zone ("Europe/Paris"), UTC until the page has hydrated. */
export function useViewerZone(): string {
  return useSyncExternalStore(never, browserZone, serverZone);
}
