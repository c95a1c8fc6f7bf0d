// Adds up the Vitest and Playwright JSON reports of every workspace into the one closing line
// CI reads: "N passed, N failed, N skipped". Exits 1 when a test failed or no test ran.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const group of ["apps", "packages"]) {
  for (const name of readdirSync(group)) {
    const reports = join(group, name, "reports");
    // vitest.json from `pnpm test`, and vitest-<job>.json from a further run (the cluster job).
    const vitestReports = existsSync(reports)
      ? readdirSync(reports).filter((file) => /^vitest(-[\w-]+)?\.json$/.test(file))
      : [];
    for (const file of vitestReports) {
      const vitest = join(reports, file);
      const report = JSON.parse(readFileSync(vitest, "utf8"));
      totals.passed += report.numPassedTests;
      totals.failed += report.numFailedTests;
      totals.skipped += report.numPendingTests + report.numTodoTests;
      console.info(`${vitest}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
    }
    const playwright = join(reports, "playwright.json");
    if (existsSync(playwright)) {
      const { stats } = JSON.parse(readFileSync(playwright, "utf8"));
      totals.passed += stats.expected + stats.flaky;
      totals.failed += stats.unexpected;
      totals.skipped += stats.skipped;
      console.info(
        `${playwright}: ${stats.expected + stats.flaky} passed, ${stats.unexpected} failed`,
      );
    }
  }
}
console.info(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
