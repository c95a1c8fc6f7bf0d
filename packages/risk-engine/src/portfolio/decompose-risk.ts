import { inverseNormalCdf } from "../series/inverse-normal.ts";
import { tailFraction } from "../series/value-at-risk.ts";
import type { BookHistory } from "./history.ts";
import type { Holding, PriceHistory, RiskContribution } from "./types.ts";

const isPrice = (value: number) => value > 0 && Number.isFinite(value);
/** −0 (a holding that did not move, negated) reads as "−$0" on a screen: make it 0. */
const unsigned0 = (value: number) => (value === 0 ? 0 : value);

/**
 * Where the one-day VaR comes from: each holding's component (Euler allocation), which sum to
 * the book's VaR, its marginal VaR (the component per unit of notional, ∂VaR/∂notional) and its
 * share. Historical: the VaR is −((1 − w)·P_k + w·P_{k+1}), the P&L interpolated between the two
 * ranked days around the quantile, and P_d = Σ_i p_i,d, so holding i's component is
 * −((1 − w)·p_i,k + w·p_i,k+1). Parametric: VaR = −(μ + z·σ), and holding i's component is
 * −(μ_i + z·cov(p_i, P) / σ), since Σ μ_i = μ and Σ cov(p_i, P) = σ². A VaR that is 0 (the
 * quantile is a gain) has components of 0. Fewer than two days → NaN.
 */
export function decomposeRisk(
  holdings: readonly Holding[],
  history: PriceHistory,
  simulated: BookHistory,
  confidence: number,
): Map<string, RiskContribution> {
  const pnl = simulated.pnl;
  const n = pnl.length;
  const first = history.days.length - n;
  const tail = tailFraction(confidence);
  // The two days the quantile lies between (on a tie, the first such day: the sum is the same).
  const sorted = Float64Array.from(pnl).sort();
  const rank = (n - 1) * tail;
  const lower = Math.floor(rank);
  const w = rank - lower;
  const dayLow = Math.max(0, pnl.indexOf(sorted[lower] as number));
  const dayHigh = Math.max(0, pnl.indexOf(sorted[Math.min(lower + 1, n - 1)] as number));
  const quantile = (1 - w) * (pnl[dayLow] as number) + w * (pnl[dayHigh] as number);

  let mean = 0;
  for (let t = 0; t < n; t++) mean += pnl[t] as number;
  mean /= n;
  // P − μ per day: cov(p_i, P) = Σ p_i,t·(P_t − μ) / (n − 1), since Σ (P_t − μ) = 0.
  const centred = new Float64Array(n);
  let variance = 0;
  for (let t = 0; t < n; t++) {
    centred[t] = (pnl[t] as number) - mean;
    variance += (centred[t] as number) ** 2;
  }
  const sigma = Math.sqrt(variance / (n - 1));
  const z = inverseNormalCdf(tail);
  const parametricIsLoss = mean + z * sigma < 0;

  const contributions = new Map<string, RiskContribution>();
  for (const holding of holdings) {
    const closes = history.closes.get(holding.instrumentId);
    const moveOn = (t: number) => {
      const previous = closes ? (closes[first + t - 1] as number) : Number.NaN;
      const close = closes ? (closes[first + t] as number) : Number.NaN;
      return isPrice(previous) && isPrice(close) ? holding.notional * (close / previous - 1) : 0;
    };
    // One pass over the days per holding, as simulateHistory makes.
    let ownSum = 0;
    let covariance = 0;
    if (closes) {
      const notional = holding.notional;
      for (let t = 0; t < n; t++) {
        const previous = closes[first + t - 1] as number;
        const close = closes[first + t] as number;
        if (!(isPrice(previous) && isPrice(close))) continue;
        const move = notional * (close / previous - 1);
        ownSum += move;
        covariance += move * (centred[t] as number);
      }
    }
    const ownMean = ownSum / n;
    covariance /= n - 1;

    const historical =
      n < 2 ? Number.NaN : quantile < 0 ? -((1 - w) * moveOn(dayLow) + w * moveOn(dayHigh)) : 0;
    const parametric =
      n < 2
        ? Number.NaN
        : !parametricIsLoss
          ? 0
          : -(ownMean + (sigma > 0 ? (z * covariance) / sigma : 0));
    contributions.set(holding.instrumentId, {
      historical: unsigned0(historical),
      parametric: unsigned0(parametric),
      marginalHistorical: unsigned0(historical / holding.notional),
      marginalParametric: unsigned0(parametric / holding.notional),
      share: Number.NaN,
    });
  }
  const total = [...contributions.values()].reduce((sum, c) => sum + c.historical, 0);
  for (const contribution of contributions.values()) {
    contribution.share = total > 0 ? contribution.historical / total : Number.NaN;
  }
  return contributions;
}
