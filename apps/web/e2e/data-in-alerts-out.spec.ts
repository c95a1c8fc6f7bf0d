import { type Browser, expect, type Page, test } from "@playwright/test";
import { createFirm } from "./support/firm.ts";
import { hydrated } from "./support/hydration.ts";
import { chooseFile, exampleFile, openImportScreen, reportCount } from "./support/import-screen.ts";
import { signIn, sql } from "./support/session.ts";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver.ts";

// The whole way of a firm's own data: its files in, its prices from its own system, a breach out
// to its webhook. A firm of the spec's own, so nothing of the demo firms moves.

let receiver: WebhookReceiver;
test.beforeAll(async () => {
  // The secret is made when the admin saves the URL; set from the page below.
  receiver = await startWebhookReceiver("whsec_cGxhY2Vob2xkZXI=");
});
test.afterAll(async () => {
  await receiver?.stop();
});

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

async function openAdminScreen(admin: Page, link: string, path: RegExp) {
  await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link }).click();
  await expect(admin).toHaveURL(path);
  await hydrated(admin);
}

/** Previews a file, expects no problems, applies it and waits for the sentence it ends with. */
async function importClean(admin: Page, kind: string, name: string, text: string, done: string) {
  await chooseFile(admin, kind, name, text);
  await admin.getByRole("button", { name: "Preview" }).click();
  await expect(admin.getByRole("heading", { name: `Preview of ${name}` })).toBeVisible();
  await expect(reportCount(admin, "Invalid rows")).toHaveText("0");
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(admin.getByRole("status")).toHaveText(done);
}

/** Waits for the next answered poll of the dashboard: a valuation, and its alert sync, ran. */
function nextDashboardPoll(trader: Page) {
  return trader.waitForResponse(
    // 304 too: an unchanged answer is a poll that valued the book all the same.
    (response) => response.url().includes("risk.dashboard") && response.status() < 400,
    { timeout: 0 },
  );
}

test("a firm imports its files, its own price breaches a limit, and the webhook hears it once", async ({
  browser,
}) => {
  // Five screens and three imports in one story: it takes several times one screen's spec.
  test.slow();
  const firm = await createFirm("feed");
  const admin = await newPage(browser);
  await signIn(admin, firm.admin.email, /\/admin$/);

  // Where breaches go: the test receiver, which verifies every signature with the secret shown.
  await openAdminScreen(admin, "Alerts out", /\/admin\/alerts-out$/);
  const webhook = admin.getByRole("region", { name: "Webhook" });
  await webhook.getByRole("textbox", { name: "URL" }).fill(receiver.url);
  await webhook.getByRole("button", { name: "Save URL" }).click();
  const secret = webhook.locator("code.secret");
  await expect(secret).toHaveText(/^whsec_/);
  receiver.setSecret((await secret.textContent()) ?? "");

  // Prices from the firm's own system: a token for them, and the setting that lets them drive.
  await openAdminScreen(admin, "API tokens", /\/admin\/tokens$/);
  const form = admin.getByRole("form", { name: "Make a token" });
  await form.getByLabel("Name").fill("Pricing system");
  await form.getByLabel("Intraday prices").check();
  await form.getByRole("button", { name: "Make token" }).click();
  const issued = admin.getByRole("region", { name: "Token Pricing system" });
  const token = await issued.getByLabel("API token").inputValue();
  await issued.getByRole("button", { name: "Done" }).click();
  await admin
    .getByRole("group", { name: "Where the firm's intraday last prices come from" })
    .getByLabel("From the API")
    .check();
  await expect(admin.getByText("Saved: From the API.")).toBeVisible();

  // The three files; the closes first with two mistakes, refused with where and why, then fixed.
  await openImportScreen(admin);
  await importClean(
    admin,
    "Instruments",
    "instruments.csv",
    exampleFile("instruments.csv"),
    "Imported: 4 created, 0 changed, 0 left unchanged.",
  );
  const closes = exampleFile("closes.csv");
  const lines = closes.trimEnd().split("\n").length;
  await chooseFile(
    admin,
    "Daily closes",
    "closes.csv",
    `${closes}ATLS,2026-11-21,63.10\nATLS,2026-11-20,-1\n`,
  );
  await admin.getByRole("button", { name: "Preview" }).click();
  await expect(reportCount(admin, "Invalid rows")).toHaveText("2");
  const problems = admin.getByRole("table", { name: "Problems" });
  await expect(problems.getByRole("row").filter({ hasText: String(lines + 1) })).toContainText(
    "date",
  );
  await expect(problems.getByRole("row").filter({ hasText: String(lines + 2) })).toContainText(
    "close",
  );
  await expect(admin.getByRole("button", { name: "Apply" })).toBeDisabled();
  await importClean(
    admin,
    "Daily closes",
    "closes-fixed.csv",
    closes,
    "Imported: 60 created, 0 changed, 0 left unchanged.",
  );
  const positions = [
    "trader email,symbol,quantity,average price,opened at",
    `${firm.trader.email},ATLS,1200,61.85,2026-11-03`,
    `${firm.trader.email},KELP,-800,40.95,2026-11-05`,
  ].join("\n");
  await importClean(
    admin,
    "Positions",
    "positions.csv",
    positions,
    "Imported: 2 created, 0 changed, 0 left unchanged.",
  );

  // A gross exposure limit the imported book is well inside (about 107,000 of 200,000).
  const [trader] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [
    firm.trader.email,
  ]);
  await admin.goto(`/admin/traders/${trader?.id}`);
  await hydrated(admin);
  const newLimit = admin.getByRole("form", { name: "New limit" });
  await newLimit.getByLabel("Limit type").selectOption({ label: "Gross exposure" });
  await newLimit.getByLabel("Threshold").fill("200000");
  await newLimit.getByRole("button", { name: "Add limit" }).click();
  await expect(
    admin.getByRole("table", { name: "Risk limits" }).getByRole("row", { name: /^Gross exposure/ }),
  ).toBeVisible();

  // The trader sees the imported book live, with nothing open.
  const traderPage = await newPage(browser);
  await signIn(traderPage, firm.trader.email, /\/dashboard$/);
  const holdings = traderPage.getByRole("table", { name: "Exposure by position" });
  await expect(holdings.getByRole("rowheader", { name: "ATLS" })).toBeVisible();
  await expect(holdings.getByRole("rowheader", { name: "KELP" })).toBeVisible();
  const openAlerts = traderPage.getByRole("list", { name: "Open alerts" });
  await expect(openAlerts.getByRole("listitem")).toHaveCount(0);
  expect(receiver.posts).toEqual([]);

  // The firm's system posts a new ATLS price: 1,200 × 150 + 800 × ~41 ≈ 213,000, over the limit.
  const posted = await traderPage.request.post("/api/v1/prices", {
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    data: { prices: [{ symbol: "ATLS", price: 150 }] },
  });
  expect(posted.status()).toBe(200);
  await expect(
    openAlerts.getByRole("listitem").filter({ hasText: "Gross exposure" }),
  ).toBeVisible();

  // Delivered, signed, once.
  await expect.poll(() => receiver.posts.length, { timeout: 30_000 }).toBe(1);
  const [event] = receiver.posts;
  expect(event?.type).toBe("alert.raised");
  expect(event?.body).toMatchObject({
    type: "alert.raised",
    alert: { level: "BREACH", limit: { type: "MAX_GROSS_EXPOSURE" } },
  });
  expect(receiver.rejected).toEqual([]);

  // Two more valuations of the same breached book send nothing more.
  await nextDashboardPoll(traderPage);
  await nextDashboardPoll(traderPage);
  expect(receiver.posts).toHaveLength(1);

  // The admin sees it in the delivery history.
  await openAdminScreen(admin, "Alerts out", /\/admin\/alerts-out$/);
  const history = admin.getByRole("table", { name: "Delivery history" });
  const deliveries = history.getByRole("row").filter({ has: admin.getByRole("rowheader") });
  await expect(deliveries).toHaveCount(1);
  await expect(deliveries.getByRole("rowheader")).toHaveText("Raised");
  await expect(deliveries.getByRole("cell").nth(2)).toHaveText("Delivered");
});
