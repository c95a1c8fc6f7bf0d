"use client";

import { useEffect, useState } from "react";
import { ago } from "~/lib/format.ts";
import type { MetricsResponse } from "~/trpc/types.ts";

const SOURCES: Record<string, string> = {
  memory: "from cache",
  redis: "from cache",
  stale: "from cache (refreshing)",
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
    <p className="freshness" data-testid="freshness">
      Updated <span className="age">{ago(age)}</span> ·{" "}
      {SOURCES[freshness.source] ?? freshness.source}
    </p>
  );
}
