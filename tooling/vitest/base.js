import { defineConfig } from "vitest/config";

// Plain JavaScript with a .d.ts beside it: any package (and any tool that reads its config)
// imports it as it is, with no TypeScript step.
/**
 * Shared by every package: tests next to the code, generous timeouts for the integration tests
 * that create and migrate a database of their own, and a JSON report that .ci/run adds up.
 */
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // VITEST_REPORT_NAME lets a second run of one package (CI's Redis Cluster job) keep its
    // report beside the first instead of overwriting it; .ci/summarize.mjs reads both.
    reporters: [
      "default",
      ["json", { outputFile: `reports/${process.env.VITEST_REPORT_NAME ?? "vitest"}.json` }],
    ],
  },
});
