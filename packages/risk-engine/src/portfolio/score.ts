import { limitName } from "./limit-catalog.ts";
import { statusOf } from "./limits.ts";
import type { LimitUtilisation, RiskProfileInput, RiskScore, RiskTolerance } from "./types.ts";

/** Annualised volatility each tolerance accepts, used when no limit can be measured. */
export const VOLATILITY_BUDGET: Record<RiskTolerance, number> = {
  CONSERVATIVE: 0.1,
  MODERATE: 0.2,
  AGGRESSIVE: 0.35,
};

const FALLBACK_WARN_FRACTION = 0.8;

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;
const toScore = (utilisation: number) => Math.round(100 * Math.min(1, Math.max(0, utilisation)));

/** Only leverage can be unbounded: gross over a net asset value that is not positive. */
function driverOf(limit: LimitUtilisation): string {
  if (Number.isFinite(limit.utilisation)) {
    return `${limitName(limit.type, limit.symbol)} at ${percent(limit.utilisation)} of limit`;
  }
  return `${limitName(limit.type, limit.symbol)} unbounded: net asset value is not positive`;
}

/**
 * 0–100, set by the most used limit: score = 100 × min(1, utilisation), so 80 is where a limit
 * with the default warn fraction turns WARN and 100 is a breach. Ties go to HARD limits. With no
 * measurable limit, the larger of volatility / the tolerance's budget and current drawdown /
 * the profile's drawdown tolerance takes its place.
 */
export function riskScore(
  limits: readonly LimitUtilisation[],
  book: { volatility: number; currentDrawdown: number; profile: RiskProfileInput },
): RiskScore {
  let top: LimitUtilisation | undefined;
  for (const limit of limits) {
    if (Number.isNaN(limit.utilisation)) continue;
    const higher = !top || limit.utilisation > top.utilisation;
    const tieWonByHard =
      top &&
      limit.utilisation === top.utilisation &&
      limit.severity === "HARD" &&
      top.severity === "SOFT";
    if (higher || tieWonByHard) top = limit;
  }
  if (top) {
    return {
      value: toScore(top.utilisation),
      status: statusOf(top.utilisation, top.warnFraction),
      driver: driverOf(top),
    };
  }
  return scoreWithoutLimits(book);
}

function scoreWithoutLimits({
  volatility,
  currentDrawdown,
  profile,
}: Parameters<typeof riskScore>[1]): RiskScore {
  const budget = VOLATILITY_BUDGET[profile.tolerance];
  const candidates = [
    {
      utilisation: volatility / budget,
      driver: (u: number) =>
        `Volatility at ${percent(u)} of the ${profile.tolerance.toLowerCase()} budget of ${percent(budget)}`,
    },
    {
      utilisation: Math.abs(currentDrawdown) / profile.maxDrawdownTolerance,
      driver: (u: number) =>
        `Drawdown at ${percent(u)} of the ${percent(profile.maxDrawdownTolerance)} tolerance`,
    },
  ].filter((candidate) => Number.isFinite(candidate.utilisation));
  const top = candidates.sort((a, b) => b.utilisation - a.utilisation)[0];
  if (!top)
    return { value: Number.NaN, status: "NO_DATA", driver: "Not enough history to score yet" };
  return {
    value: toScore(top.utilisation),
    status: statusOf(top.utilisation, FALLBACK_WARN_FRACTION),
    driver: top.driver(top.utilisation),
  };
}
