"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { TableScroll } from "~/components/table-scroll.tsx";
import { messageOf } from "~/lib/errors.ts";
import { decimal, percent } from "~/lib/format.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { AlertHistory } from "./alert-history.tsx";
import { AlertsPanel } from "./alerts-panel.tsx";
import { downloadLimits, downloadPositions } from "./csv-exports.ts";
import { dashboardInput } from "./dashboard-input.ts";
import { DataQualityNote } from "./data-quality-note.tsx";
import { ExcludedPositions } from "./excluded-positions.tsx";
import { FreshnessLine } from "./freshness-line.tsx";
import { HeadlineCards } from "./headline-cards.tsx";
import { HistoryChart } from "./history-chart.tsx";
import { HISTORY_RANGES, type HistoryRange, withinRange } from "./history-range.ts";
import { HoldingsTable } from "./holdings-table.tsx";
import { LimitBars } from "./limit-bars.tsx";
import { OfflineBanner } from "./offline-banner.tsx";
import { SectorExposure } from "./sector-exposure.tsx";
import { StressPanel } from "./stress-panel.tsx";
import { usePoll } from "./use-poll.ts";
import { WhatIfPanel } from "./what-if-panel.tsx";

const equityFormat = (value: number) => decimal(value, 3);
const drawdownFormat = (value: number) => percent(value);

/**
 * One trader's live risk: prefetched on the server, then refreshed every 5 s in one request for
 * one query (cards, limits, alerts, holdings). The charts are a query of their own, asked for
 * again only when the dashboard's `chartVersion` says they changed. Sections receive only their
 * slice of the data, and React Query keeps unchanged slices identical between polls, so a poll
 * re-renders only what moved.
 */
export function Dashboard({ traderId }: { traderId?: string }) {
  const trpc = useTRPC();
  const input = dashboardInput(traderId);
  const metricsQuery = useQuery(trpc.risk.dashboard.queryOptions(input));
  usePoll([trpc.risk.dashboard.queryKey(input)]);
  const chartVersion = metricsQuery.data?.chartVersion;
  // Keeps drawing the charts it has while a new version loads.
  const chartQuery = useQuery({
    ...trpc.risk.chart.queryOptions({ ...input, version: chartVersion }),
    enabled: chartVersion !== undefined,
    placeholderData: keepPreviousData,
  });

  const history = chartQuery.data;
  const [range, setRange] = useState<HistoryRange>("All");
  const { equity, drawdown } = useMemo(
    () => withinRange(history?.days ?? [], history?.equity ?? [], range),
    [history, range],
  );

  if (!metricsQuery.data) {
    return metricsQuery.error ? (
      <p className="error" role="alert">
        {messageOf(metricsQuery.error)}
      </p>
    ) : (
      <p className="muted">Loading…</p>
    );
  }
  const { metrics, alerts, currency, freshness, pricesAsOf, tick } = metricsQuery.data;
  const failing = metricsQuery.isError;
  return (
    <div className="dashboard">
      <OfflineBanner since={failing ? metricsQuery.dataUpdatedAt : null} />
      <FreshnessLine
        freshness={freshness}
        receivedAt={metricsQuery.dataUpdatedAt}
        pricesAsOf={pricesAsOf}
        tick={tick}
      />
      <HeadlineCards metrics={metrics} currency={currency} />
      <DataQualityNote quality={metrics.dataQuality} />
      <div className="grid">
        <section className="panel" aria-labelledby="limits-heading">
          <div className="panel-head">
            <h2 id="limits-heading">Limits</h2>
            <button
              type="button"
              className="secondary"
              onClick={() => downloadLimits(metrics.limits)}
            >
              Download limits CSV
            </button>
          </div>
          <LimitBars limits={metrics.limits} currency={currency} />
        </section>
        <div>
          <section className="panel" aria-labelledby="alerts-heading">
            <h2 id="alerts-heading">Open alerts</h2>
            <AlertsPanel alerts={alerts} currency={currency} traderId={traderId} />
          </section>
          <section className="panel" aria-labelledby="sectors-heading">
            <h2 id="sectors-heading">Exposure by sector</h2>
            <SectorExposure sectors={metrics.sectors} currency={currency} />
          </section>
        </div>
      </div>
      <section className="panel charts" aria-labelledby="history-heading">
        <div className="charts-head">
          <h2 id="history-heading">Today's book, replayed over past prices</h2>
          <fieldset className="ranges">
            <legend className="visually-hidden">History shown</legend>
            {Object.keys(HISTORY_RANGES).map((name) => (
              <button
                key={name}
                type="button"
                aria-pressed={range === name}
                onClick={() => setRange(name as HistoryRange)}
              >
                {name}
              </button>
            ))}
          </fieldset>
        </div>
        <HistoryChart
          points={equity}
          kind="equity"
          label="Equity (growth of 1)"
          format={equityFormat}
        />
        <HistoryChart points={drawdown} kind="drawdown" label="Drawdown" format={drawdownFormat} />
      </section>
      <section className="panel" aria-labelledby="positions-heading">
        <div className="panel-head">
          <h2 id="positions-heading">Exposure by position</h2>
          <button
            type="button"
            className="secondary"
            onClick={() => downloadPositions(metrics.holdings, currency)}
          >
            Download positions CSV
          </button>
        </div>
        <TableScroll label="Positions table">
          <HoldingsTable holdings={metrics.holdings} currency={currency} />
        </TableScroll>
      </section>
      <AlertHistory
        traderId={traderId}
        currency={currency}
        openAlerts={alerts.map((alert) => `${alert.id}:${alert.acknowledgedAt !== null}`).join()}
      />
      <StressPanel traderId={traderId} version={chartVersion} />
      <ExcludedPositions excluded={metrics.excluded} />
      <WhatIfPanel traderId={traderId} />
    </div>
  );
}
