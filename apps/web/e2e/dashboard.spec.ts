import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./support/session.ts";

// Jonas's book is seeded at WARN on gross exposure, so it has an open alert.
const TRADER = "jonas@northwind.example.com";

function money(text: string | null): number {
  const match = text?.match(/^(-|\+)?\$([\d,]+(\.\d+)?)/);
  if (!match) throw new Error(`not an amount: ${text}`);
  return Number(`${match[1] === "-" ? "-" : ""}${match[2]?.replaceAll(",", "")}`);
}

async function cardValue(page: Page, name: string | RegExp) {
  return page.getByRole("region", { name }).locator(".value").textContent();
}

/** The dashboard's tRPC requests during `ms`, as their comma-separated procedure lists. */
async function trpcRequestsDuring(page: Page, ms: number): Promise<string[]> {
  const seen: string[] = [];
  const listener = (request: { url(): string }) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/api/trpc/")) seen.push(url.pathname.slice("/api/trpc/".length));
  };
  page.on("request", listener);
  await page.waitForTimeout(ms);
  page.off("request", listener);
  return seen;
}

test.beforeEach(async ({ page }) => {
  await signIn(page, TRADER, /\/dashboard$/);
  await expect(page.getByRole("region", { name: "Net asset value" })).toBeVisible();
});

test("shows every card with plausible values, the limits, charts and exposures", async ({
  page,
}) => {
  const nav = money(await cardValue(page, "Net asset value"));
  expect(nav).toBeGreaterThan(100_000);
  const valueAtRisk = money(await cardValue(page, /^VaR 95%/));
  const expectedShortfall = money(await cardValue(page, /^CVaR 95%/));
  expect(valueAtRisk).toBeGreaterThan(0);
  expect(valueAtRisk).toBeLessThan(nav);
  expect(expectedShortfall).toBeGreaterThanOrEqual(valueAtRisk);
  expect(await cardValue(page, "Leverage")).toMatch(/^\d+\.\d\d×$/);
  expect(await cardValue(page, "Drawdown")).toMatch(/^-?\d+\.\d%$/);
  expect(await cardValue(page, "Sharpe ratio")).toMatch(/^-?\d+\.\d\d$/);
  expect(await cardValue(page, "Day P&L")).toMatch(/^[+-]?\$/);
  const score = page.getByRole("region", { name: "Risk score" });
  await expect(score.locator(".value")).toHaveText(/^\d{1,3} \/ 100$/);
  await expect(score.locator(".detail")).toHaveText("Gross exposure at 86% of limit");

  const limits = page.getByRole("list", { name: "Limit utilisation" }).getByRole("meter");
  await expect(limits).toHaveCount(8);
  await expect(page.getByRole("meter", { name: "Gross exposure utilisation" })).toHaveAttribute(
    "aria-valuetext",
    "86% of limit, Warning",
  );

  await expect(
    page.getByRole("img", { name: /^Equity \(growth of 1\): \d+ trading days/ }),
  ).toBeVisible();
  await expect(page.getByRole("img", { name: /^Drawdown: \d+ trading days/ })).toBeVisible();
  await expect(page.locator(".chart-canvas canvas").first()).toBeVisible();

  const positions = page.getByRole("table").getByRole("row");
  expect(await positions.count()).toBeGreaterThan(5);
  await expect(
    page.getByRole("list", { name: "Exposure by sector" }).getByRole("listitem"),
  ).not.toHaveCount(0);
  await expect(page.getByTestId("freshness")).toHaveText(/^Updated .+ · (from cache|recomputed)/);
});

test("the first paint is rendered on the server with the numbers", async ({ page }) => {
  const response = await page.request.get("/dashboard");
  const html = await response.text();
  expect(html).toContain("Net asset value");
  expect(html).toMatch(/\$\d{1,3}(,\d{3})+/);
  expect(html).not.toContain("Loading…");
});

test("sorts exposure by position by the column asked for", async ({ page }) => {
  const table = page.getByRole("table");
  await table.getByRole("button", { name: "Symbol" }).click();
  await expect(table.getByRole("columnheader", { name: "Symbol" })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
  const symbols = await table.locator("tbody th").allTextContents();
  expect(symbols).toEqual([...symbols].sort((a, b) => a.localeCompare(b)));
});

test("each poll is one batched request carrying all of the dashboard's queries", async ({
  page,
}) => {
  const requests = await trpcRequestsDuring(page, 12_000);
  // Two or three polls fit in 12 s at one every 5 s.
  expect(requests.length).toBeGreaterThanOrEqual(2);
  expect(requests.length).toBeLessThanOrEqual(3);
  for (const procedures of requests) {
    expect(procedures.split(",").sort()).toEqual(["risk.alerts.list", "risk.metrics"]);
  }
});

test("does not poll while the tab is hidden", async ({ page }) => {
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  expect(await trpcRequestsDuring(page, 11_000)).toEqual([]);
});

test("polls without moving the layout", async ({ page }) => {
  await page.evaluate(() => {
    const shifts: number[] = [];
    (window as unknown as { shifts: number[] }).shifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[]) {
        shifts.push(entry.value);
      }
    }).observe({ type: "layout-shift" });
  });
  await trpcRequestsDuring(page, 11_000);
  const shifts = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
  expect(shifts.reduce((sum, value) => sum + value, 0)).toBe(0);
});

test("says so while the server cannot be reached, and recovers by itself", async ({ page }) => {
  await page.route("**/api/trpc/**", (route) => route.abort("connectionrefused"));
  const banner = page.getByRole("alert").filter({ hasText: "Can't reach the server" });
  await expect(banner).toBeVisible({ timeout: 12_000 });
  // The last numbers stay on screen beneath the banner.
  await expect(page.getByRole("region", { name: "Net asset value" })).toBeVisible();
  await page.unroute("**/api/trpc/**");
  await expect(banner).toBeHidden({ timeout: 12_000 });
});

test("acknowledges an alert with a note, which stays acknowledged", async ({ page }) => {
  const alerts = page.getByRole("list", { name: "Open alerts" });
  const alert = alerts.getByRole("listitem").filter({ hasText: "Gross exposure" });
  await alert.getByRole("button", { name: "Acknowledge" }).click();
  await expect(alert.getByText("Say what is being done about it.")).toBeVisible();

  await alert.getByLabel("Note").fill("Trimming the two largest longs today.");
  await alert.getByRole("button", { name: "Acknowledge" }).click();
  await expect(alert).toContainText(
    "Acknowledged by Jonas Weber: “Trimming the two largest longs today.”",
  );
  await page.reload();
  await expect(
    page.getByRole("list", { name: "Open alerts" }).getByText("Acknowledged by Jonas Weber"),
  ).toBeVisible();
});
