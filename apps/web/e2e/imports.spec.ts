import { type Browser, expect, type Page, test } from "@playwright/test";
import { createFirm } from "./support/firm.ts";
import { chooseFile, exampleFile, openImportScreen, reportCount } from "./support/import-screen.ts";
import { holdPolls } from "./support/polls.ts";
import { signIn, sql } from "./support/session.ts";

/** A page of its own (cookies apart): the admin and the trader are two people. */
async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test("an admin imports instruments, fixes a closes file the preview refused, then positions the trader sees within one poll", async ({
  browser,
}) => {
  const firm = await createFirm("imports");
  const admin = await newPage(browser);
  await signIn(admin, firm.admin.email, /\/admin$/);
  await openImportScreen(admin);

  const preview = admin.getByRole("button", { name: "Preview" });
  const apply = admin.getByRole("button", { name: "Apply" });
  const status = admin.getByRole("status");
  await expect(apply).toBeDisabled();

  // Instruments: a clean preview says what it would create; Apply writes it.
  await chooseFile(admin, "Instruments", "instruments.csv", exampleFile("instruments.csv"));
  await preview.click();
  await expect(admin.getByRole("heading", { name: "Preview of instruments.csv" })).toBeVisible();
  await expect(reportCount(admin, "Will create")).toHaveText("4");
  await expect(reportCount(admin, "Invalid rows")).toHaveText("0");
  await apply.click();
  await expect(status).toHaveText("Imported: 4 created, 0 changed, 0 left unchanged.");
  await expect(apply).toBeDisabled();

  // Closes with a Saturday and a symbol the firm does not have: the lines and what is wrong,
  // and no Apply.
  const closes = exampleFile("closes.csv");
  const broken = `${closes}ATLS,2026-11-21,63.10\nZZZZ,2026-11-20,10.00\n`;
  const brokenLines = closes.trimEnd().split("\n").length + 1;
  await chooseFile(admin, "Daily closes", "closes.csv", broken);
  await preview.click();
  const problems = admin.getByRole("table", { name: "Problems" });
  await expect(reportCount(admin, "Invalid rows")).toHaveText("2");
  const weekend = problems.getByRole("row").filter({ hasText: String(brokenLines) });
  await expect(weekend).toContainText("date");
  await expect(weekend).toContainText(/weekend|Saturday|weekday/i);
  const unknown = problems.getByRole("row").filter({ hasText: String(brokenLines + 1) });
  await expect(unknown).toContainText("symbol");
  await expect(unknown).toContainText("ZZZZ");
  await expect(apply).toBeDisabled();

  // The corrected file, chosen again on the same page: a clean preview, then the import.
  await chooseFile(admin, "Daily closes", "closes-fixed.csv", closes);
  await expect(problems).toBeHidden();
  await expect(apply).toBeDisabled();
  await preview.click();
  await expect(admin.getByRole("heading", { name: "Preview of closes-fixed.csv" })).toBeVisible();
  await expect(reportCount(admin, "Invalid rows")).toHaveText("0");
  await expect(reportCount(admin, "Will create")).toHaveText("60");
  await apply.click();
  await expect(status).toHaveText("Imported: 60 created, 0 changed, 0 left unchanged.");

  // The trader watches their (empty) dashboard; from here their polls wait at the network.
  const trader = await newPage(browser);
  await signIn(trader, firm.trader.email, /\/dashboard$/);
  await expect(trader.getByText("No open positions.")).toBeVisible();
  const polls = await holdPolls(trader);

  const positions = [
    "trader email,symbol,quantity,average price,opened at",
    `${firm.trader.email},ATLS,1200,61.85,2026-11-03`,
    `${firm.trader.email},KELP,-800,40.95,2026-11-05`,
  ].join("\n");
  await chooseFile(admin, "Positions", "positions.csv", positions);
  await preview.click();
  await expect(reportCount(admin, "Will create")).toHaveText("2");
  await apply.click();
  await expect(status).toHaveText("Imported: 2 created, 0 changed, 0 left unchanged.");

  // No reload: the next poll of the dashboard brings the imported book.
  await polls.releaseNext("risk.dashboard");
  const holdings = trader.getByRole("table", { name: "Exposure by position" });
  await expect(holdings.getByRole("rowheader", { name: "ATLS" })).toBeVisible();
  await expect(holdings.getByRole("rowheader", { name: "KELP" })).toBeVisible();
  await polls.stop();

  // Three applies, three audit events; the refused preview wrote nothing. No other firm got
  // anything: the demo firms have no ATLS (other specs' own firms may import the examples too).
  const events = await sql<{ count: string }>(
    `SELECT count(*) FROM "AuditEvent" WHERE "tenantId" = $1 AND entity = 'IMPORT'`,
    [firm.tenantId],
  );
  expect(Number(events[0]?.count)).toBe(3);
  const elsewhere = await sql<{ count: string }>(
    `SELECT count(*) FROM "Instrument" i JOIN "Tenant" t ON t.id = i."tenantId"
     WHERE i.symbol = 'ATLS' AND t.slug IN ('northwind', 'harbor')`,
  );
  expect(Number(elsewhere[0]?.count)).toBe(0);
});
