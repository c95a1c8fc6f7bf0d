export { alignHistory, type DailyCloses, DEFAULT_MAX_CARRY_DAYS } from "./align-history.ts";
export { computeRiskMetrics } from "./compute-risk-metrics.ts";
export {
  isLimitType,
  LIMIT_CATALOG,
  LIMIT_TYPES,
  type LimitKind,
  type LimitUnit,
  limitName,
  limitValue,
} from "./limit-catalog.ts";
export { VOLATILITY_BUDGET } from "./score.ts";
export {
  type FirmScenario,
  firmMove,
  type ScenarioMove,
  type StressKind,
  type StressResult,
  scaleMoves,
  stressTest,
} from "./stress.ts";
export type * from "./types.ts";
