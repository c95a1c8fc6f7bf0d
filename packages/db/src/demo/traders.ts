import type { LimitType, RiskTolerance } from "../generated/prisma/enums.ts";

/**
 * Five trading styles the demo traders follow. Limits are set from each book's measured
 * exposures so that `utilisation` (measured / threshold) lands where the story needs it:
 * some books comfortably inside, one near a limit (WARN), one over (BREACH).
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
  utilisation: Partial<Record<LimitType, number>>;
}

export const DEFAULT_UTILISATION = 0.55;

export const TRADER_STYLES: TraderStyle[] = [
  {
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
    utilisation: {},
  },
  {
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
    utilisation: { MAX_GROSS_EXPOSURE: 0.4 },
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
