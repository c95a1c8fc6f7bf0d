"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef } from "react";
import { nextPageOf } from "~/components/dashboard/dashboard-input.ts";
import { LoadMore } from "~/components/load-more.tsx";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { AuditTable } from "./audit-table.tsx";

/** How many changes of one limit a page shows. */
const PAGE = 20;

/**
 * One limit's own history, newest first: every value it was given and who gave it, from the
 * audit log's events about it. Focus moves to its heading when it opens.
 */
export function LimitHistory({
  limitId,
  name,
  onClose,
}: {
  limitId: string;
  name: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const history = useInfiniteQuery(
    trpc.admin.auditLog.infiniteQueryOptions(
      { entityId: limitId, entity: "LIMIT", limit: PAGE },
      { getNextPageParam: nextPageOf },
    ),
  );
  const events = history.data?.pages.flatMap((page) => page.events);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <section className="history-panel" aria-labelledby={headingId}>
      <div className="panel-head">
        <h3 id={headingId} ref={headingRef} tabIndex={-1}>
          History of the {name} limit
        </h3>
        <button type="button" className="secondary" onClick={onClose}>
          Close history
        </button>
      </div>
      {!events ? (
        <p className={history.error ? "error" : "muted"} role="alert">
          {history.error ? messageOf(history.error) : "Loading…"}
        </p>
      ) : events.length === 0 ? (
        <p className="muted">No recorded changes to this limit.</p>
      ) : (
        <AuditTable events={events} labelledBy={headingId} showWhat={false} />
      )}
      <LoadMore shown={events?.length ?? 0} pages={history} />
    </section>
  );
}
