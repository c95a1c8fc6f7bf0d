export { RiskInputError, type RiskInputErrorCode } from "./errors.ts";
export * from "./portfolio/index.ts";
export * from "./series/index.ts";
