"use client";

import { AUDIT_EXPORT_MAX, type TAuditFilterForm } from "@repo/api/validators";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import { nextPageOf } from "~/components/dashboard/dashboard-input.ts";
import { LoadMore } from "~/components/load-more.tsx";
import { downloadCsv } from "~/lib/csv.ts";
import { errorCode, fieldErrorsOf, messageOf } from "~/lib/errors.ts";
import { useTimeZone } from "~/lib/use-time-zone.ts";
import { useTRPC, useTRPCClient } from "~/trpc/client.tsx";
import { AuditFilters } from "./audit-filters.tsx";
import { auditCsvRows, auditFiltersOf, NO_FILTERS, readForExport } from "./audit-query.ts";
import { AuditTable } from "./audit-table.tsx";

/** How many events the page shows at first and adds with each "Load more". */
const PAGE = 50;

/**
 * The firm's audit log: filters, the events they select newest first a page at a time (keyset
 * paging, so events written meanwhile never shift what was shown), and all of them as a CSV.
 */
export function AuditLog() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const headingId = useId();
  const zone = useTimeZone();
  const [applied, setApplied] = useState<TAuditFilterForm>(NO_FILTERS);
  const filters = useMemo(() => auditFiltersOf(applied), [applied]);
  const log = useInfiniteQuery(
    trpc.admin.auditLog.infiniteQueryOptions(
      { ...filters, limit: PAGE },
      { getNextPageParam: nextPageOf },
    ),
  );
  const [exporting, setExporting] = useState<string | null>(null);
  const events = useMemo(() => log.data?.pages.flatMap((page) => page.events), [log.data]);
  const refused = errorCode(log.error) === "BAD_REQUEST" ? fieldErrorsOf(log.error) : {};

  async function exportCsv() {
    setExporting("Reading the events…");
    try {
      const { events: all, more } = await readForExport((cursor, limit) =>
        client.admin.auditLog.query({ ...filters, limit, ...(cursor ? { cursor } : {}) }),
      );
      downloadCsv("audit-log.csv", auditCsvRows(all, zone));
      setExporting(
        more
          ? `Saved the newest ${AUDIT_EXPORT_MAX.toLocaleString("en-US")} events; narrow the dates for the rest.`
          : `Saved ${all.length} events.`,
      );
    } catch (error) {
      setExporting(messageOf(error));
    }
  }

  return (
    <>
      <AuditFilters
        onApply={setApplied}
        serverErrors={{
          from: refused.from?.[0],
          to: refused.to?.[0],
          actorId: refused.actorId?.[0],
        }}
      />
      <section className="panel" aria-labelledby={headingId}>
        <div className="panel-head">
          <h2 id={headingId}>Changes</h2>
          <button type="button" className="secondary" onClick={exportCsv}>
            Download CSV
          </button>
        </div>
        <p className="muted" role="status">
          {exporting ??
            `The CSV holds every event the filters select, newest first, up to ${AUDIT_EXPORT_MAX.toLocaleString("en-US")}.`}
        </p>
        {!events ? (
          <p className={log.error ? "error" : "muted"} role="alert">
            {log.error ? messageOf(log.error) : "Loading…"}
          </p>
        ) : events.length === 0 ? (
          <p className="muted">No changes match these filters.</p>
        ) : (
          <AuditTable events={events} labelledBy={headingId} />
        )}
        <LoadMore shown={events?.length ?? 0} pages={log} />
      </section>
    </>
  );
}
