export { RiskInputError, type RiskInputErrorCode } from "./errors.ts";
export * from "./series/index.ts";
