export { alpha, beta } from "./benchmark.ts";
export { equityAndDrawdown, maxDrawdown } from "./drawdown.ts";
export { inverseNormalCdf } from "./inverse-normal.ts";
export { calmarRatio, downsideRisk, sharpeRatio, sortinoRatio } from "./ratios.ts";
export { annualReturn, annualVolatility, cumulativeReturn } from "./returns.ts";
export type { Rate, Returns } from "./types.ts";
export { conditionalVaR, historicalVaR, parametricVaR } from "./value-at-risk.ts";
