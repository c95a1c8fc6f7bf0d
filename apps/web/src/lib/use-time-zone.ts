"use client";

import { useSyncExternalStore } from "react";
import { SERVER_TIME_ZONE } from "./format.ts";

const unchanging = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const serverZone = () => SERVER_TIME_ZONE;

/**
 * The zone to write times in: the browser's. The server, which cannot know it, renders in UTC,
 * and the browser hydrates that same text before it rewrites the times in its own zone, so the
 * two renders never disagree (no hydration warning).
 */
export function useTimeZone(): string {
  return useSyncExternalStore(unchanging, browserZone, serverZone);
}
