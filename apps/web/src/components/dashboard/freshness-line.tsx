"use client";

import { useEffect, useState } from "react";
import { ago } from "~/lib/format.ts";
import type { MetricsResponse } from "~/trpc/types.ts";

const SOURCES: Record<string, string> = {
  memory: "from cache",
  redis: "from cache",
  // Past its lifetime: being recomputed, or the database cannot be reached right now.
  stale: "out of date: these are the last numbers computed",
  computed: "recomputed",
};

/**
 * "Updated 3 s ago · from cache". The age is counted here, once a second, so only this line
 * re-renders between polls.
 */
export function FreshnessLine({
  freshness,
  receivedAt,
}: {
  freshness: MetricsResponse["freshness"];
  receivedAt: number;
}) {
  const [now, setNow] = useState(receivedAt);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const age = freshness.ageMs + Math.max(0, now - receivedAt);
  return (
    <p
      className={freshness.source === "stale" ? "freshness stale" : "freshness"}
      data-testid="freshness"
    >
      Updated <span className="age">{ago(age)}</span> ·{" "}
      {SOURCES[freshness.source] ?? freshness.source}
    </p>
  );
}
