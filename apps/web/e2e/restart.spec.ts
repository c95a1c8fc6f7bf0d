import { expect, type Page, test } from "@playwright/test";
import { type AppProcess, startApp } from "./support/app-process.ts";
import { hydrated } from "./support/hydration.ts";
import { appServerEnv, currentRun, freePort } from "./support/run.ts";
import { signIn, sql } from "./support/session.ts";

// Harbor's conservative book: no other spec reads Liam's limits, and his daily loss sits well
// inside its limit, so it has no alerts that a delete would take with it.
const ADMIN = "admin@harbor.example.com";
const TRADER = "liam@harbor.example.com";
const LIMIT = "Daily loss";

interface LimitRow {
  id: string;
  traderId: string;
  tenantId: string;
  threshold: string;
  warnFraction: string;
  severity: string;
}

async function seededLimit(): Promise<LimitRow> {
  const [row] = await sql<LimitRow>(
    `SELECT l.id, l."traderId", l."tenantId", l.threshold::text, l."warnFraction"::text, l.severity::text
       FROM "RiskLimit" l JOIN "User" u ON u.id = l."traderId"
      WHERE u.email = $1 AND l.type = 'MAX_DAILY_LOSS'`,
    [TRADER],
  );
  if (!row) throw new Error(`${TRADER} has no daily loss limit: is the demo seeded?`);
  return row;
}

async function auditCount(tenantId: string): Promise<number> {
  const [row] = await sql<{ count: number }>(
    `SELECT count(*)::int AS count FROM "AuditEvent" WHERE "tenantId" = $1`,
    [tenantId],
  );
  return row?.count ?? 0;
}

async function openLimits(page: Page, baseURL: string, traderId: string) {
  await signIn(page, ADMIN, /\/admin$/);
  await page.goto(`${baseURL}/admin/traders/${traderId}`);
  await hydrated(page);
  return page.getByRole("table", { name: "Risk limits" });
}

let second: AppProcess | undefined;
test.afterEach(async () => {
  // Whatever happened, the second instance does not outlive the spec.
  second?.signal("SIGKILL");
});

test("a demo limit the admin deleted stays deleted when the app starts again on the same database", async ({
  browser,
}) => {
  const limit = await seededLimit();
  const firstRun = currentRun();

  // The admin deletes the seeded limit on the running app.
  const firstPage = await (await browser.newContext()).newPage();
  const limits = await openLimits(firstPage, firstRun.baseURL, limit.traderId);
  await limits.getByRole("button", { name: `Delete ${LIMIT}` }).click();
  await limits
    .getByRole("row", { name: new RegExp(`^${LIMIT}`) })
    .getByRole("button", { name: "Delete", exact: true })
    .click();
  await expect(limits.getByRole("row", { name: new RegExp(`^${LIMIT}`) })).toHaveCount(0);
  const auditBefore = await auditCount(limit.tenantId);

  // The app starts a second time on the same database, seeding on, as `pnpm start` would.
  const port = await freePort();
  second = startApp(["start"], { ...process.env, ...appServerEnv(firstRun, port) });
  await second.printed(/serving on http:\/\/\S+:\d+/);
  expect(second.output()).toContain("demo data: loaded before, nothing inserted");
  expect(second.output()).not.toMatch(/demo data: inserted/);

  const [row] = await sql(`SELECT id FROM "RiskLimit" WHERE id = $1`, [limit.id]);
  expect(row).toBeUndefined();
  expect(await auditCount(limit.tenantId)).toBe(auditBefore);

  // On the second instance the admin sees the book as they left it.
  const secondURL = `http://127.0.0.1:${port}`;
  const secondPage = await (await browser.newContext({ baseURL: secondURL })).newPage();
  const secondLimits = await openLimits(secondPage, secondURL, limit.traderId);
  await expect(secondLimits.getByRole("row", { name: /^Leverage/ })).toBeVisible();
  await expect(secondLimits.getByRole("row", { name: new RegExp(`^${LIMIT}`) })).toHaveCount(0);

  // Ctrl-C stops it cleanly.
  second.signal("SIGINT");
  expect(await second.exited).toBe(0);
  expect(second.output().trimEnd().split("\n").at(-1)).toBe("risk-dashboard: stopped.");

  // Put back as the admin would, for the specs after this one.
  const form = firstPage.getByRole("form", { name: "New limit" });
  await form.getByLabel("Limit type").selectOption("MAX_DAILY_LOSS");
  // PostgreSQL's numeric text has trailing zeros ("0.800"); the form takes the number.
  await form.getByLabel("Threshold").fill(String(Number(limit.threshold)));
  await form.getByLabel("Warn fraction").fill(String(Number(limit.warnFraction)));
  await form.getByLabel("Severity").selectOption(limit.severity);
  await form.getByRole("button", { name: "Add limit" }).click();
  await expect(limits.getByRole("row", { name: new RegExp(`^${LIMIT}`) })).toBeVisible();
});
