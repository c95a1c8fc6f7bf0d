"use client";

import { useEffect, useRef, useState } from "react";
import { ago, whenOf } from "~/lib/format.ts";
import { useTimeZone } from "~/lib/use-time-zone.ts";
import type { DashboardResponse } from "~/trpc/types.ts";

const SOURCES: Record<string, string> = {
  memory: "from cache",
  redis: "from cache",
  // Past its lifetime: being recomputed, or the database cannot be reached right now.
  stale: "out of date: these are the last numbers computed",
  computed: "recomputed",
};

/**
 * "Updated 3 s ago · from cache", then "Prices of 2 Dec 2026, 14:30:03 CET · tick 1,234": how
 * old the valuation is, where it came from, and the prices it was made at (the oldest last
 * price in the book, and the tenant's price tick, which every move of the market advances). The
 * age is counted here, once a second, so only these lines re-render between polls.
 */
export function FreshnessLine({
  freshness,
  receivedAt,
  pricesAsOf,
  tick,
}: {
  freshness: DashboardResponse["freshness"];
  receivedAt: number;
  pricesAsOf: Date | null;
  tick: number;
}) {
  const timeZone = useTimeZone();
  const [now, setNow] = useState(receivedAt);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  // When this answer first arrived: a poll told 304 hands back the same answer (the same object,
  // by structural sharing) at a later receivedAt, and its age goes on from the first arrival.
  const arrival = useRef({ freshness, receivedAt });
  if (arrival.current.freshness !== freshness) arrival.current = { freshness, receivedAt };
  const age = freshness.ageMs + Math.max(0, now - arrival.current.receivedAt);
  return (
    <div className="freshness-lines">
      <p
        className={freshness.source === "stale" ? "freshness stale" : "freshness"}
        data-testid="freshness"
      >
        Updated <span className="age">{ago(age)}</span> ·{" "}
        {SOURCES[freshness.source] ?? freshness.source}
      </p>
      {/* A line of its own: the words above change width between polls, this line must not move. */}
      {pricesAsOf ? (
        <p className="freshness">
          Prices of <span data-testid="prices-as-of">{whenOf(pricesAsOf, timeZone)}</span> · tick{" "}
          <span data-testid="price-tick">{tick.toLocaleString("en-US")}</span>
        </p>
      ) : null}
    </div>
  );
}
