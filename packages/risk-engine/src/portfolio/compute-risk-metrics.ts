import { RiskInputError } from "../errors.ts";
import { beta } from "../series/benchmark.ts";
import { equityAndDrawdown, maxDrawdown } from "../series/drawdown.ts";
import { inverseNormalCdf } from "../series/inverse-normal.ts";
import { nanMean, nanStd } from "../series/moments.ts";
import { sharpeRatio, sortinoRatio } from "../series/ratios.ts";
import { annualVolatility } from "../series/returns.ts";
import {
  lowerTailMeanOfSorted,
  quantileOfSorted,
  sortedValues,
  tailFraction,
} from "../series/value-at-risk.ts";
import { buildBook, concentrationOf, sectorsOf } from "./book.ts";
import { decomposeRisk } from "./decompose-risk.ts";
import { type BookHistory, simulateHistory } from "./history.ts";
import { utiliseLimits } from "./limits.ts";
import { riskScore } from "./score.ts";
import type {
  DataQuality,
  Holding,
  PortfolioInput,
  PriceHistory,
  RiskContribution,
  RiskMetrics,
} from "./types.ts";

const asLoss = (signed: number) => (Number.isNaN(signed) ? Number.NaN : Math.max(0, -signed));
const normalDensity = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

/**
 * Every risk number of one trader's book, from cash, positions, last prices, daily closes, the
 * risk profile and the limits. Pure: the same input gives the same output.
 */
export function computeRiskMetrics(input: PortfolioInput): RiskMetrics {
  const { profile } = input;
  assertInput(input);
  const book = buildBook(input.positions, input.instruments);
  const nav = input.cash + book.net;
  const navPositive = nav > 0;
  const leverage = navPositive ? book.gross / nav : book.gross > 0 ? Number.POSITIVE_INFINITY : 0;

  const simulated = simulateHistory(book.holdings, input.history, profile.lookbackDays);
  const returns = simulated.pnl.map((pnl) => (navPositive ? pnl / nav : Number.NaN));
  const risk = oneDayRisk(simulated, profile.confidence);
  const curves = navPositive ? equityAndDrawdown(returns) : nanCurves(returns.length + 1);
  const volatility = annualVolatility(returns);
  const drawdown = maxDrawdown(returns);
  const currentDrawdown = returns.length > 0 ? (curves.drawdown.at(-1) ?? Number.NaN) : Number.NaN;
  const concentration = concentrationOf(book.holdings);
  const contributions = decomposeRisk(book.holdings, input.history, simulated, profile.confidence);
  const holdings = book.holdings.map((holding) => ({
    ...holding,
    contribution: contributions.get(holding.instrumentId) as RiskContribution,
  }));

  const limits = utiliseLimits(input.limits, {
    gross: book.gross,
    net: book.net,
    leverage,
    largestWeight: concentration.largestWeight,
    holdings: book.holdings,
    historicalVaR: risk.historicalVaR,
    maxDrawdown: drawdown,
    dayPnl: book.dayPnl,
  });
  const navAtPreviousClose = nav - book.dayPnl;

  return {
    nav,
    cash: input.cash,
    marketValue: book.net,
    dayPnl: book.dayPnl,
    dayPnlPct: navAtPreviousClose > 0 ? book.dayPnl / navAtPreviousClose : Number.NaN,
    exposure: { gross: book.gross, net: book.net, long: book.long, short: book.short },
    leverage,
    concentration,
    sectors: withContributions(sectorsOf(book.holdings, book.gross), holdings),
    holdings,
    excluded: book.excluded,
    history: {
      days: simulated.days,
      pnl: Array.from(simulated.pnl),
      returns: Array.from(returns),
      equity: Array.from(curves.equity),
      drawdown: Array.from(curves.drawdown),
      gaps: simulated.gaps,
    },
    confidence: profile.confidence,
    risk,
    volatility,
    sharpe: sharpeRatio(returns),
    sortino: sortinoRatio(returns),
    maxDrawdown: drawdown,
    currentDrawdown,
    beta: simulated.benchmarkReturns ? beta(returns, simulated.benchmarkReturns) : Number.NaN,
    limits,
    score: riskScore(limits, { volatility, currentDrawdown, profile }),
    dataQuality: dataQualityOf(book.holdings, input.history, simulated, {
      lookbackDays: profile.lookbackDays,
      navNonPositive: !navPositive,
    }),
    flags: {
      navNonPositive: !navPositive,
      shortHistory: simulated.pnl.length < profile.lookbackDays,
    },
  };
}

/**
 * One-day VaR and expected shortfall in currency, straight from the simulated P&L (so they stay
 * meaningful when NAV is not positive). One sort serves the historical pair.
 */
function oneDayRisk(simulated: BookHistory, confidence: number): RiskMetrics["risk"] {
  const sorted = sortedValues(simulated.pnl);
  const mean = nanMean(simulated.pnl);
  const deviation = nanStd(simulated.pnl, 1);
  const tail = tailFraction(confidence);
  const z = inverseNormalCdf(tail);
  return {
    historicalVaR: asLoss(quantileOfSorted(sorted, tail)),
    historicalCVaR: asLoss(lowerTailMeanOfSorted(sorted, confidence)),
    parametricVaR: asLoss(mean + z * deviation),
    parametricCVaR: asLoss(mean - (deviation * normalDensity(z)) / tail),
  };
}

/** Each sector's VaR components: the sums of its holdings'. */
function withContributions(
  sectors: ReturnType<typeof sectorsOf>,
  holdings: readonly (Holding & { contribution: RiskContribution })[],
): RiskMetrics["sectors"] {
  return sectors.map((sector) => {
    const members = holdings.filter((holding) => holding.sector === sector.sector);
    const sum = (pick: (c: RiskContribution) => number) =>
      members.reduce((total, holding) => total + pick(holding.contribution), 0);
    return {
      ...sector,
      contribution: {
        historical: sum((c) => c.historical),
        parametric: sum((c) => c.parametric),
        share: sum((c) => c.share),
      },
    };
  });
}

/** Which holdings the history-based numbers rest on less than fully, and why. */
function dataQualityOf(
  holdings: readonly Holding[],
  history: PriceHistory,
  simulated: BookHistory,
  { lookbackDays, navNonPositive }: { lookbackDays: number; navNonPositive: boolean },
): DataQuality {
  const maxRun = history.maxCarryDays ?? Number.POSITIVE_INFINITY;
  const window = simulated.pnl.length;
  const quality: DataQuality = {
    days: window,
    lookbackDays,
    carriedForward: [],
    stale: [],
    shortHistory: [],
    noPreviousClose: [],
    navNonPositive,
  };
  for (const { instrumentId, symbol, dayPnl } of holdings) {
    const carried = history.carried?.get(instrumentId);
    if (carried && carried.longestRun > maxRun) {
      quality.stale.push({ symbol, longestRun: carried.longestRun });
    } else if (carried) {
      quality.carriedForward.push({ symbol, days: carried.days });
    }
    const moves = simulated.movesOf.get(instrumentId) ?? 0;
    if (moves < window) quality.shortHistory.push({ symbol, days: moves });
    if (Number.isNaN(dayPnl)) quality.noPreviousClose.push(symbol);
  }
  return quality;
}

function nanCurves(length: number) {
  return {
    equity: new Float64Array(length).fill(Number.NaN),
    drawdown: new Float64Array(length).fill(Number.NaN),
  };
}

function assertInput({ cash, profile }: PortfolioInput) {
  // Strictly inside: at 0 or 1 the parametric expected shortfall has no value.
  if (!(profile.confidence > 0 && profile.confidence < 1)) {
    throw new RiskInputError(
      "INVALID_OPTION",
      `a profile's confidence must be between 0 and 1 (not either), got ${profile.confidence}`,
    );
  }
  if (!Number.isFinite(cash)) {
    throw new RiskInputError("INVALID_OPTION", `cash must be a finite number, got ${cash}`);
  }
  if (!(Number.isInteger(profile.lookbackDays) && profile.lookbackDays >= 2)) {
    throw new RiskInputError(
      "INVALID_OPTION",
      `lookbackDays must be a whole number ≥ 2, got ${profile.lookbackDays}`,
    );
  }
  if (!(profile.maxDrawdownTolerance > 0)) {
    throw new RiskInputError(
      "INVALID_OPTION",
      `maxDrawdownTolerance must be positive, got ${profile.maxDrawdownTolerance}`,
    );
  }
}
