import { type Browser, expect, type Page, test } from "@playwright/test";
import { hydrated } from "./support/hydration.ts";
import { holdPolls } from "./support/polls.ts";
import { signIn, sql } from "./support/session.ts";

async function userId(email: string): Promise<string> {
  const [row] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

async function signedIn(browser: Browser, email: string, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  await page.goto(path);
  // Controls work once React has hydrated the server-rendered page.
  await hydrated(page);
  return page;
}

const ADMIN = "admin@northwind.example.com";

test("lists the firm's traders with their score and open breaches", async ({ page }) => {
  await signIn(page, ADMIN, /\/admin$/);
  const traders = page.getByRole("table", { name: "Traders" });
  await expect(traders.getByRole("row")).toHaveCount(6); // the header and five traders
  const priya = traders.getByRole("row", { name: /Priya Natarajan/ });
  await expect(priya).toContainText("Concentration at 127% of limit");
  await expect(traders).not.toContainText("Ethan Brooks"); // Harbor's
});

test("a limit changed by an admin reaches the trader's open dashboard within one poll", async ({
  browser,
}) => {
  const priyaId = await userId("priya@northwind.example.com");
  const trader = await signedIn(browser, "priya@northwind.example.com", "/dashboard");
  const meter = trader.getByRole("meter", { name: "Concentration utilisation" });
  await expect(meter).toHaveAttribute("aria-valuetext", "127% of limit, Breach");
  // From here the trader's polls wait at the network until the test lets one through.
  const polls = await holdPolls(trader);

  const admin = await signedIn(browser, ADMIN, `/admin/traders/${priyaId}`);
  const limits = admin.getByRole("table", { name: "Risk limits" });
  await limits.getByRole("button", { name: "Edit Concentration" }).click();
  const row = limits.getByRole("row").filter({ has: admin.getByLabel("Threshold") });
  await row.getByLabel("Threshold").fill("0.9");
  await row.getByRole("button", { name: "Save Concentration" }).click();
  await expect(limits.getByRole("row", { name: /^Concentration/ })).toContainText("90.0%");

  // No reload on the trader's side: the next poll of the metrics brings the new utilisation.
  // Polls are let through only from here, so the meter can have it from no other.
  await polls.releaseNext("risk.dashboard");
  await expect(meter).toHaveAttribute("aria-valuetext", /^(\d|[1-4]\d)% of limit, OK$/);
  await polls.stop();
});

test("an invalid threshold is refused under its field and nothing is saved", async ({
  browser,
}) => {
  const lucasId = await userId("lucas@northwind.example.com");
  const admin = await signedIn(browser, ADMIN, `/admin/traders/${lucasId}`);
  const limits = admin.getByRole("table", { name: "Risk limits" });
  const before = await limits.getByRole("row", { name: /^Leverage/ }).textContent();

  await limits.getByRole("button", { name: "Edit Leverage" }).click();
  const row = limits.getByRole("row").filter({ has: admin.getByLabel("Threshold") });
  await row.getByLabel("Threshold").fill("0");
  await row.getByRole("button", { name: "Save Leverage" }).click();
  await expect(row.getByText("Must be greater than 0.")).toBeVisible();
  await expect(row.getByLabel("Threshold")).toHaveAttribute("aria-invalid", "true");

  await admin.reload();
  await expect(limits.getByRole("row", { name: /^Leverage/ })).toHaveText(before ?? "");
});

test("a limit the book already has, or on a symbol the firm does not trade, is refused where it is typed", async ({
  browser,
}) => {
  const lucasId = await userId("lucas@northwind.example.com");
  const admin = await signedIn(browser, ADMIN, `/admin/traders/${lucasId}`);
  const limits = admin.getByRole("table", { name: "Risk limits" });
  const rows = await limits.getByRole("row").count();
  const form = admin.getByRole("form", { name: "New limit" });

  await form.getByLabel("Limit type").selectOption({ label: "Leverage" });
  await form.getByLabel("Threshold").fill("3");
  await form.getByRole("button", { name: "Add limit" }).click();
  await expect(
    form.getByText("This book already has a Leverage limit: change that one instead."),
  ).toBeVisible();
  await expect(form.getByLabel("Limit type")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("Limit type").selectOption({ label: "Position notional" });
  await form.getByLabel("Threshold").fill("100000");
  await form.getByLabel("Symbol").fill("NOSUCH");
  await form.getByRole("button", { name: "Add limit" }).click();
  await expect(form.getByText("There is no instrument NOSUCH.")).toBeVisible();

  await admin.reload();
  await expect(limits.getByRole("row")).toHaveCount(rows);
});

test("deleting a limit asks first, and Keep keeps it", async ({ browser }) => {
  const lucasId = await userId("lucas@northwind.example.com");
  const admin = await signedIn(browser, ADMIN, `/admin/traders/${lucasId}`);
  const limits = admin.getByRole("table", { name: "Risk limits" });
  const dailyLoss = limits.getByRole("row", { name: /^Daily loss/ });

  await limits.getByRole("button", { name: "Delete Daily loss" }).click();
  await dailyLoss.getByRole("button", { name: "Keep" }).click();
  await expect(dailyLoss).toBeVisible();

  await limits.getByRole("button", { name: "Delete Daily loss" }).click();
  await dailyLoss.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(dailyLoss).toHaveCount(0);
  await admin.reload();
  await expect(limits.getByRole("row", { name: /^Daily loss/ })).toHaveCount(0);
  await expect(admin.getByRole("table", { name: "Audit history" })).toContainText(/deleted/i);
});

test("an admin cannot open another firm's trader, even by URL", async ({ page }) => {
  const ethanId = await userId("ethan@harbor.example.com");
  await signIn(page, ADMIN, /\/admin$/);
  const response = await page.goto(`/admin/traders/${ethanId}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByText("Trader not found")).toBeVisible();
  await expect(page.getByText("Ethan Brooks")).toHaveCount(0);
  // The same page as for an id that belongs to nobody.
  const nobody = await page.goto("/admin/traders/00000000-0000-4000-8000-000000000000");
  expect(nobody?.status()).toBe(404);
});

test("a profile saved by someone else in the meantime is explained, and Reload recovers", async ({
  browser,
}) => {
  const sofiaId = await userId("sofia@northwind.example.com");
  const first = await signedIn(browser, ADMIN, `/admin/traders/${sofiaId}`);
  const second = await signedIn(browser, ADMIN, `/admin/traders/${sofiaId}`);

  await first.getByLabel("Lookback days").fill("200");
  await first.getByRole("button", { name: "Save profile" }).click();
  await expect(first.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  await second.getByLabel("Lookback days").fill("300");
  await second.getByRole("button", { name: "Save profile" }).click();
  await expect(second.getByText(/changed by someone else/)).toBeVisible();
  await second.getByRole("button", { name: "Reload" }).click();
  await expect(second.getByLabel("Lookback days")).toHaveValue("200");
});
