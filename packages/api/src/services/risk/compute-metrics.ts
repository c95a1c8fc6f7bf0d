import {
  computeRiskMetrics,
  DEFAULT_CURRENCY,
  type PortfolioInput,
  type PriceHistory,
  type RiskMetrics,
} from "@repo/risk-engine";
import type { ApiCache } from "../../cache-policy.ts";
import type { Clock } from "../../clock.ts";
import type { TenantDb } from "../../data/tenant-db.ts";
import type { ReadDeps } from "../../deps.ts";
import { AppError } from "../../errors.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import type { Market } from "../prices/market.ts";
import type { Book } from "./load-book.ts";
import { loadHistory } from "./load-history.ts";
import { type OpenAlert, syncAlerts } from "./sync-alerts.ts";

/**
 * One trader's risk at one price tick, as the dashboard shows it; what the metrics cache holds.
 * The history series (the equity and drawdown charts) are not part of it: they change only
 * with the book and the closes, and are served apart (`chartSeries`).
 */
export interface MetricsView {
  metrics: Omit<RiskMetrics, "history">;
  /** How many daily returns the numbers rest on, and how many holding-days had no move. */
  history: { days: number; gaps: number };
  currency: string;
  profile: {
    riskTolerance: string;
    varConfidence: number;
    lookbackDays: number;
    maxDrawdownTolerance: number;
    version: number;
  };
  /** The tenant's price tick the book was valued at. */
  tick: number;
  computedAt: Date;
  /** The oldest last price in the book: how current the valuation is. */
  pricesAsOf: Date | null;
}

/** The history series the dashboard draws: the daily P&L and returns stay on the server. */
export type ChartSeries = Pick<RiskMetrics["history"], "days" | "equity" | "drawdown">;

/** What a book is valued from: the book, and the tenant's market at one tick. */
export interface ValuationInputs {
  book: Book;
  market: Market;
  tick: number;
}

function portfolioInput(book: Book, market: Market, history: PriceHistory): PortfolioInput {
  const profile = book.profile as NonNullable<Book["profile"]>;
  return {
    cash: book.account ? book.account.cash.toNumber() : 0,
    positions: book.positions.map((p) => ({
      instrumentId: p.instrument.id,
      quantity: p.quantity.toNumber(),
    })),
    instruments: book.positions.map(({ instrument }) => {
      const closes = history.closes.get(instrument.id);
      return {
        id: instrument.id,
        symbol: instrument.symbol,
        sector: instrument.sector,
        // An instrument the market does not know yet has no price: risk-engine excludes it.
        lastPrice: market.quotes[instrument.id]?.lastPrice ?? Number.NaN,
        previousClose: closes && closes.length > 0 ? closes[closes.length - 1] : Number.NaN,
      };
    }),
    history,
    profile: {
      tolerance: profile.riskTolerance,
      confidence: profile.varConfidence.toNumber(),
      lookbackDays: profile.lookbackDays,
      maxDrawdownTolerance: profile.maxDrawdownTolerance.toNumber(),
    },
    limits: book.limits.map((limit) => ({
      id: limit.id,
      type: limit.type,
      threshold: limit.threshold.toNumber(),
      warnFraction: limit.warnFraction.toNumber(),
      severity: limit.severity,
      symbol: limit.symbol,
    })),
  };
}

/** The instruments of the book and the benchmark, with the versions of their histories. */
function historyRefs(book: Book, market: Market) {
  const refOf = (id: string) => ({
    id,
    historyVersion: market.quotes[id]?.historyVersion ?? 0,
  });
  const held = [...new Set(book.positions.map((p) => p.instrument.id))].map(refOf);
  return { held, benchmark: market.benchmarkId ? refOf(market.benchmarkId) : null };
}

/** A book without a risk profile cannot be valued: no lookback, confidence or tolerance. */
export class NoProfileError extends AppError {
  constructor() {
    super("NOT_FOUND", "This trader has no risk profile yet.");
  }
}

/**
 * risk-engine over the book at the market's prices and the price history of what it holds (from
 * the cache, per instrument): no query while the histories are cached.
 */
export async function valueBook(
  deps: ReadDeps,
  subject: Subject,
  inputs: ValuationInputs,
): Promise<RiskMetrics> {
  return computeRiskMetrics(await portfolioOf(deps, subject, inputs));
}

/** What risk-engine values: the book at the market's prices, with its instruments' history. */
export async function portfolioOf(
  deps: ReadDeps,
  subject: Subject,
  { book, market }: ValuationInputs,
): Promise<PortfolioInput> {
  if (!book.profile) throw new NoProfileError();
  const { held, benchmark } = historyRefs(book, market);
  const history = await loadHistory(
    deps,
    subject.tenantId,
    held,
    benchmark,
    book.profile.lookbackDays + 1,
  );
  return portfolioInput(book, market, history);
}

/** The equity and drawdown of today's book replayed over its history, as the charts draw them. */
export async function chartSeries(
  deps: ReadDeps,
  subject: Subject,
  inputs: ValuationInputs,
): Promise<ChartSeries> {
  const { history } = await valueBook(deps, subject, inputs);
  return { days: history.days, equity: history.equity, drawdown: history.drawdown };
}

/**
 * Values the book (`valueBook`), then brings the trader's alerts (`openAlerts`, as cached) in
 * line with the limits it measured: the one step of a valuation that writes, and only when an
 * alert is raised or resolved. A sync that wrote drops the cached alerts; alerts have a version
 * of their own, so the book and this valuation stay current.
 */
export async function computeMetrics(
  deps: { db: TenantDb; cache: ApiCache; clock: Clock },
  subject: Subject,
  inputs: ValuationInputs,
  openAlerts: readonly OpenAlert[],
): Promise<MetricsView> {
  const { book, market, tick } = inputs;
  const { history, ...metrics } = await valueBook(deps, subject, inputs);
  const profile = book.profile as NonNullable<Book["profile"]>;
  const computedAt = deps.clock();
  if (await syncAlerts(deps.db, subject, metrics.limits, openAlerts, computedAt)) {
    await deps.cache.invalidate("alerts", subject);
  }
  const priceTimes = book.positions.flatMap(
    (p) => market.quotes[p.instrument.id]?.lastPriceAt ?? [],
  );
  return {
    metrics,
    history: { days: history.days.length, gaps: history.gaps },
    currency: book.account?.baseCurrency ?? DEFAULT_CURRENCY,
    profile: {
      riskTolerance: profile.riskTolerance,
      varConfidence: profile.varConfidence.toNumber(),
      lookbackDays: profile.lookbackDays,
      maxDrawdownTolerance: profile.maxDrawdownTolerance.toNumber(),
      version: profile.version,
    },
    tick,
    computedAt,
    pricesAsOf: priceTimes.length > 0 ? new Date(Math.min(...priceTimes)) : null,
  };
}

/**
 * What the chart series are made from besides the prices: the book's version and the versions
 * of the histories it holds (each only grows, so the sum moves whenever one does). The
 * dashboard asks for the charts again when it changes.
 */
export function chartVersion(bookVersion: number, book: Book, market: Market): string {
  const { held, benchmark } = historyRefs(book, market);
  const histories = [...held, ...(benchmark ? [benchmark] : [])].reduce(
    (sum, ref) => sum + ref.historyVersion,
    0,
  );
  return `v${bookVersion}-h${histories}`;
}
