"use client";

import { useQuery } from "@tanstack/react-query";
import { usePoll } from "~/components/dashboard/use-poll.ts";
import { TableScroll } from "~/components/table-scroll.tsx";
import { messageOf } from "~/lib/errors.ts";
import { percent } from "~/lib/format.ts";
import { useTRPC } from "~/trpc/client.tsx";
import type { RouterOutputs } from "~/trpc/types.ts";
import { count, kindName, milliseconds } from "./cache-numbers.ts";
import { RedisHealth } from "./redis-health.tsx";

type Snapshot = RouterOutputs["admin"]["cacheStats"];

function Latency({ snapshot }: { snapshot: Snapshot }) {
  const rows = [
    ["Cache reads", snapshot.readLatency],
    ["Computations", snapshot.computeLatency],
  ] as const;
  return (
    <table aria-label="Latency percentiles">
      <thead>
        <tr>
          <th scope="col">Latency</th>
          <th scope="col" className="num">
            Count
          </th>
          <th scope="col" className="num">
            p50
          </th>
          <th scope="col" className="num">
            p95
          </th>
          <th scope="col" className="num">
            p99
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, latency]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td className="num">{count(latency.count)}</td>
            <td className="num">{milliseconds(latency.p50Ms)}</td>
            <td className="num">{milliseconds(latency.p95Ms)}</td>
            <td className="num">{milliseconds(latency.p99Ms)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function HitRates({ snapshot }: { snapshot: Snapshot }) {
  return (
    <table aria-label="Hit rate by kind">
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col" className="num">
            Hit rate
          </th>
          <th scope="col" className="num">
            Hits
          </th>
          <th scope="col" className="num">
            Stale serves
          </th>
          <th scope="col" className="num">
            Misses
          </th>
          <th scope="col" className="num">
            Computations
          </th>
          <th scope="col" className="num">
            Errors
          </th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(snapshot.kinds).map(([kind, counters]) => (
          <tr key={kind}>
            <th scope="row">{kindName(kind)}</th>
            <td className="num">{percent(counters.hitRate)}</td>
            <td className="num">{count(counters.hits)}</td>
            <td className="num">{count(counters.staleServes)}</td>
            <td className="num">{count(counters.misses)}</td>
            <td className="num">{count(counters.computations)}</td>
            <td className="num">{count(counters.errors)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The headline figures, as cards so they keep their place while the numbers change. */
function Headline({ snapshot }: { snapshot: Snapshot }) {
  const cards = [
    ["Hit rate", percent(snapshot.hitRate), "hits and stale serves of all reads"],
    ["Lease waits", count(snapshot.leaseWaits), "reads that waited for another's computation"],
    [
      "Rejected stale sets",
      count(snapshot.rejectedStaleSets),
      "late writes refused after a change",
    ],
    ["Fallback reads", count(snapshot.fallbackReads), "served from memory while Redis was down"],
    [
      "Invalidations",
      count(snapshot.invalidations),
      `${count(snapshot.invalidationAckTimeouts)} unacknowledged`,
    ],
  ] as const;
  return (
    <div className="cards">
      {cards.map(([title, value, detail]) => (
        <section key={title} className="card" aria-label={title}>
          <h2>{title}</h2>
          <p className="value">{value}</p>
          <p className="detail">{detail}</p>
        </section>
      ))}
    </div>
  );
}

/**
 * The cache of the server that answers, refreshed every 5 s. The figures count since that
 * server started; a deployment with several instances shows one of them per request.
 */
export function CacheStats() {
  const trpc = useTRPC();
  const stats = useQuery(trpc.admin.cacheStats.queryOptions());
  usePoll([trpc.admin.cacheStats.queryKey()]);
  const snapshot = stats.data;
  if (!snapshot) {
    return (
      <p className={stats.error ? "error" : "muted"} role="alert">
        {stats.error ? messageOf(stats.error) : "Loading…"}
      </p>
    );
  }
  return (
    <>
      <p className="banner-slot" role="status">
        {stats.isError
          ? `Could not refresh: ${messageOf(stats.error)} Showing the last figures.`
          : ""}
      </p>
      <Headline snapshot={snapshot} />
      <div className="grid">
        <section className="panel" aria-labelledby="cache-kinds-heading">
          <h2 id="cache-kinds-heading">Hit rate by kind</h2>
          <TableScroll label="Reads by kind table">
            <HitRates snapshot={snapshot} />
          </TableScroll>
        </section>
        <section className="panel" aria-labelledby="cache-latency-heading">
          <h2 id="cache-latency-heading">Latency</h2>
          <TableScroll label="Latency table">
            <Latency snapshot={snapshot} />
          </TableScroll>
        </section>
      </div>
      <RedisHealth snapshot={snapshot} />
    </>
  );
}
