import type { LimitType, RiskTolerance } from "../generated/prisma/enums.ts";

/**
 * Five trading styles the demo traders follow. Every limit is set from what @repo/risk-engine
 * measures on the seeded book (limits.ts), so that `utilisation` (measured / threshold) lands
 * where the story needs it: some books comfortably inside, one near a limit (WARN), one over
 * (BREACH). The risk score follows the most used limit, so each story names the limit that
 * drives it; the outcome is the same in both firms (generate.test.ts holds them to it).
 */
export interface TraderStyle {
  title: string;
  tolerance: RiskTolerance;
  varConfidence: number;
  lookbackDays: number;
  maxDrawdownTolerance: number;
  grossExposure: number;
  /** Gross exposure / NAV. */
  leverage: number;
  /** Share of gross exposure held long (1 = long only). */
  longShare: number;
  holdings: number;
  /** Share of gross exposure in the largest (long) position. */
  largestWeight: number;
  /** Target measured / threshold per limit; DEFAULT_UTILISATION for the others. */
  utilisation: Partial<Record<LimitType, number>>;
}

/** Inside the default warn fraction (0.8) by a clear margin, and below every story's driver. */
export const DEFAULT_UTILISATION = 0.55;

export const TRADER_STYLES: TraderStyle[] = [
  {
    // OK, driven by VaR at 65%: the one-day loss is what an unlevered long book spends.
    title: "Balanced long-only",
    tolerance: "MODERATE",
    varConfidence: 0.95,
    lookbackDays: 250,
    maxDrawdownTolerance: 0.15,
    grossExposure: 2_000_000,
    leverage: 0.95,
    longShare: 1,
    holdings: 8,
    largestWeight: 0.18,
    utilisation: { MAX_VAR: 0.65 },
  },
  {
    // WARN, driven by gross exposure at 86%.
    title: "Long/short equity, near its gross limit",
    tolerance: "MODERATE",
    varConfidence: 0.95,
    lookbackDays: 500,
    maxDrawdownTolerance: 0.2,
    grossExposure: 4_500_000,
    leverage: 1.6,
    longShare: 0.62,
    holdings: 12,
    largestWeight: 0.12,
    utilisation: { MAX_GROSS_EXPOSURE: 0.86 },
  },
  {
    // BREACH, driven by concentration at 127%; its largest position is over its cap too (105%).
    title: "Concentrated, over its concentration limit",
    tolerance: "AGGRESSIVE",
    varConfidence: 0.99,
    lookbackDays: 250,
    maxDrawdownTolerance: 0.25,
    grossExposure: 3_000_000,
    leverage: 1.2,
    longShare: 0.9,
    holdings: 6,
    largestWeight: 0.38,
    utilisation: { MAX_CONCENTRATION: 1.27, MAX_POSITION_NOTIONAL: 1.05 },
  },
  {
    // WARN, driven by leverage at 93%.
    title: "Leveraged macro, near its leverage limit",
    tolerance: "AGGRESSIVE",
    varConfidence: 0.99,
    lookbackDays: 500,
    maxDrawdownTolerance: 0.25,
    grossExposure: 9_000_000,
    leverage: 2.8,
    longShare: 0.7,
    holdings: 10,
    largestWeight: 0.2,
    utilisation: { MAX_LEVERAGE: 0.93 },
  },
  {
    // OK, driven by drawdown at 70%: near WARN on the limit a conservative book watches, with
    // gross exposure far inside (40%).
    title: "Conservative",
    tolerance: "CONSERVATIVE",
    varConfidence: 0.99,
    lookbackDays: 250,
    maxDrawdownTolerance: 0.08,
    grossExposure: 800_000,
    leverage: 0.6,
    longShare: 1,
    holdings: 5,
    largestWeight: 0.25,
    utilisation: { MAX_GROSS_EXPOSURE: 0.4, MAX_DRAWDOWN: 0.7 },
  },
];

export const DEMO_TENANTS = [
  {
    slug: "northwind",
    name: "Northwind Capital",
    admin: "Avery Admin",
    traders: ["Maya Chen", "Jonas Weber", "Priya Natarajan", "Lucas Moreau", "Sofia Alvarez"],
  },
  {
    slug: "harbor",
    name: "Harbor Street Trading",
    admin: "Morgan Admin",
    traders: ["Ethan Brooks", "Aiko Tanaka", "Omar Haddad", "Grace Okafor", "Liam Novak"],
  },
] as const;
