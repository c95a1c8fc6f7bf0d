export { computeRiskMetrics } from "./compute-risk-metrics.ts";
export { VOLATILITY_BUDGET } from "./score.ts";
export type * from "./types.ts";
