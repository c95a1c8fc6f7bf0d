import { computeRiskMetrics, type PriceHistory, type RiskMetrics } from "@repo/risk-engine";
import type { ApiCache } from "../../cache-policy.ts";
import type { Clock } from "../../clock.ts";
import type { TenantDb } from "../../data/tenant-db.ts";
import { AppError } from "../../errors.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { type Book, loadBook } from "./load-book.ts";
import { BENCHMARK_SYMBOL, loadHistory } from "./load-history.ts";
import { syncAlerts } from "./sync-alerts.ts";

/** One trader's risk as the dashboard shows it; what the metrics cache holds. */
export interface MetricsView {
  metrics: RiskMetrics;
  currency: string;
  profile: {
    riskTolerance: string;
    varConfidence: number;
    lookbackDays: number;
    maxDrawdownTolerance: number;
    version: number;
  };
  computedAt: Date;
  /** The oldest last price in the book: how current the valuation is. */
  pricesAsOf: Date | null;
}

function portfolioInput(book: Book, history: PriceHistory) {
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
        lastPrice: instrument.lastPrice.toNumber(),
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

/**
 * Reads the book and the benchmark's history version (two queries, at once) and the price
 * history of what the book holds (from the cache, per instrument), runs risk-engine over them and
 * brings the trader's alerts in line with the limits it measured.
 */
export async function computeMetrics(
  deps: { db: TenantDb; cache: ApiCache; clock: Clock },
  subject: Subject,
): Promise<MetricsView> {
  const [book, benchmark] = await Promise.all([
    loadBook(deps.db, subject),
    deps.db.instrument.findFirst({
      where: { symbol: BENCHMARK_SYMBOL },
      select: { id: true, historyVersion: true },
    }),
  ]);
  if (!book.profile) throw new AppError("NOT_FOUND", "This trader has no risk profile yet.");
  const held = [...new Map(book.positions.map((p) => [p.instrument.id, p.instrument])).values()];
  const history = await loadHistory(
    deps,
    subject.tenantId,
    held,
    benchmark,
    book.profile.lookbackDays + 1,
  );
  const metrics = computeRiskMetrics(portfolioInput(book, history));
  const computedAt = deps.clock();
  const openKeys = new Set(book.alerts.flatMap((alert) => (alert.openKey ? [alert.openKey] : [])));
  // The cached alerts list (list-alerts.ts) is dropped when this computation changed the rows.
  if (await syncAlerts(deps.db, subject, metrics.limits, openKeys, computedAt)) {
    await deps.cache.invalidate("alerts", subject);
  }
  const priceTimes = book.positions.map((p) => p.instrument.lastPriceAt.getTime());
  const { profile } = book;
  return {
    metrics,
    currency: book.account?.baseCurrency ?? "USD",
    profile: {
      riskTolerance: profile.riskTolerance,
      varConfidence: profile.varConfidence.toNumber(),
      lookbackDays: profile.lookbackDays,
      maxDrawdownTolerance: profile.maxDrawdownTolerance.toNumber(),
      version: profile.version,
    },
    computedAt,
    pricesAsOf: priceTimes.length > 0 ? new Date(Math.min(...priceTimes)) : null,
  };
}
