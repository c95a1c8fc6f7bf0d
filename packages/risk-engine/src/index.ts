export { RiskInputError, type RiskInputErrorCode } from "./errors.ts";
export { DEFAULT_CURRENCY, type MoneyPrecision, money } from "./money.ts";
export * from "./portfolio/index.ts";
export * from "./series/index.ts";
