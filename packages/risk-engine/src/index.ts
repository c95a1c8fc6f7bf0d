export { cumulativeReturn, maxDrawdown, type Returns } from "./returns.ts";
