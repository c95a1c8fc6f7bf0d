export { BENCHMARK, INSTRUMENTS } from "./catalog.ts";
export {
  DEFAULT_DEMO_OPTIONS,
  DEMO_PASSWORD,
  type DemoData,
  type DemoLogin,
  type DemoOptions,
  generateDemoData,
} from "./generate.ts";
export { type Random, seededRandom } from "./random.ts";
export { reseedDemoData, type SeedCounts, seedDemoData } from "./seed.ts";
