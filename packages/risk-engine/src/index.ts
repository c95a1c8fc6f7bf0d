export { RiskInputError, type RiskInputErrorCode } from "./errors.ts";
export { type MoneyPrecision, money } from "./money.ts";
export * from "./portfolio/index.ts";
export * from "./series/index.ts";
