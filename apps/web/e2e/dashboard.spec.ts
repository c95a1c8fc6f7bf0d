import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { recordPolls } from "./support/polls.ts";
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

// The polls, counted by the ticks of the page's own poll timer rather than by a duration: on a
// loaded machine a tick can come seconds late, and "two polls fit in 12 s" would then fail.
let polls: Awaited<ReturnType<typeof recordPolls>>;

test.beforeEach(async ({ page }) => {
  polls = await recordPolls(page);
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
  // Most urgent first: breaches, then warnings, then the rest, each by how much is used.
  const readings = (
    await limits.evaluateAll((meters) =>
      meters.map((meter) => meter.getAttribute("aria-valuetext") ?? ""),
    )
  ).map((text) => {
    const [, used, status] = /^(\d+)% of limit, (.+)$/.exec(text) ?? [];
    return { used: Number(used), rank: ["Breach", "Warning", "OK"].indexOf(status ?? "") };
  });
  expect(readings.every((reading) => reading.rank >= 0)).toBe(true);
  const mostUrgentFirst = [...readings].sort((a, b) => a.rank - b.rank || b.used - a.used);
  expect(readings).toEqual(mostUrgentFirst);
  await expect(page.locator(".limits-legend")).toHaveText("warns limit");
  await expect(page.getByRole("meter", { name: "Gross exposure utilisation" })).toHaveAttribute(
    "aria-valuetext",
    "86% of limit, Warning",
  );

  await expect(
    page.getByRole("img", { name: /^Equity \(growth of 1\): \d+ trading days/ }),
  ).toBeVisible();
  await expect(page.getByRole("img", { name: /^Drawdown: \d+ trading days/ })).toBeVisible();
  await expect(page.locator(".chart-canvas canvas").first()).toBeVisible();

  const positions = page.getByRole("table", { name: "Exposure by position" }).getByRole("row");
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
  const table = page.getByRole("table", { name: "Exposure by position" });
  await table.getByRole("button", { name: "Symbol" }).click();
  await expect(table.getByRole("columnheader", { name: "Symbol" })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
  const symbols = await table.locator("tbody th").allTextContents();
  expect(symbols).toEqual([...symbols].sort((a, b) => a.localeCompare(b)));
});

test("the sorted column shows its direction; notional sorts by size, long or short", async ({
  page,
}) => {
  const table = page.getByRole("table", { name: "Exposure by position" });
  const notional = table.getByRole("columnheader", { name: "Notional" });
  await table.getByRole("button", { name: "Notional", exact: true }).click();
  await expect(notional).toHaveAttribute("aria-sort", "descending");
  await expect(notional.locator(".sort-mark")).toHaveText("▼");
  // One arrow on the page: only the sorted column has one.
  await expect(table.locator(".sort-mark", { hasText: /./ })).toHaveCount(1);
  const sizes = (await table.locator("tbody tr td:nth-of-type(4)").allTextContents()).map((text) =>
    Math.abs(money(text)),
  );
  expect(sizes).toEqual([...sizes].sort((a, b) => b - a));

  await table.getByRole("button", { name: "Notional", exact: true }).click();
  await expect(notional).toHaveAttribute("aria-sort", "ascending");
  await expect(notional.locator(".sort-mark")).toHaveText("▲");
});

test("shows where the VaR comes from, by position and by sector", async ({ page }) => {
  const table = page.getByRole("table", { name: "Exposure by position" });
  await table.getByRole("button", { name: "VaR contribution", exact: true }).click();
  await expect(table.getByRole("columnheader", { name: "VaR contribution" })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  // The column's money, as shown: each row's component, largest first.
  const cells = await table.locator("tbody tr td:last-child").allTextContents();
  const components = cells.map(money);
  expect(components).toEqual([...components].sort((a, b) => b - a));
  // The components add up to the VaR card (each rounded to the dollar or the cent on screen).
  const valueAtRisk = money(await cardValue(page, /^VaR 95%/));
  const total = components.reduce((sum, component) => sum + component, 0);
  expect(Math.abs(total - valueAtRisk)).toBeLessThanOrEqual(components.length);
  const sectors = page.getByRole("list", { name: "Exposure by sector" }).getByRole("listitem");
  await expect(page.getByRole("list", { name: "VaR by sector" }).getByRole("listitem")).toHaveCount(
    await sectors.count(),
  );
});

test("explains each number on hover and on keyboard focus", async ({ page }) => {
  const card = page.getByRole("region", { name: /^VaR 95%/ });
  const about = card.getByRole("button", { name: "What is VaR 95%, 1 day?" });
  const explanation = card.getByRole("tooltip");
  await expect(explanation).toBeHidden();
  await about.hover();
  await expect(explanation).toBeVisible();
  await expect(explanation).toContainText(/exceeded on 5% of the last \d+ trading days/);
  await page.mouse.move(0, 0);
  await expect(explanation).toBeHidden();
  await about.focus();
  await expect(explanation).toBeVisible();
  await expect(about).toHaveAccessibleDescription(/^Value at risk: the one-day loss/);
  const column = page.getByRole("columnheader", { name: /^VaR contribution/ });
  await column.getByRole("button", { name: "What is VaR contribution?" }).focus();
  await expect(column.getByRole("tooltip")).toContainText("the parts add up to the VaR");
});

test("shows the history over the range asked for, as today's book replayed", async ({ page }) => {
  const history = page.getByRole("region", { name: "Today's book, replayed over past prices" });
  await expect(history.getByRole("button", { name: "All" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(
    history.getByRole("img", { name: /^Equity \(growth of 1\): \d{3} trading days/ }),
  ).toBeVisible();
  await history.getByRole("button", { name: "1M" }).click();
  await expect(history.getByRole("button", { name: "1M" })).toHaveAttribute("aria-pressed", "true");
  await expect(
    history.getByRole("img", { name: /^Equity \(growth of 1\): 21 trading days/ }),
  ).toBeVisible();
  await expect(history.getByRole("img", { name: /^Drawdown: 21 trading days/ })).toBeVisible();
});

test("downloads the positions and the limits as CSV", async ({ page }) => {
  const save = async (name: string) => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name }).click(),
    ]);
    const path = await download.path();
    return {
      file: download.suggestedFilename(),
      lines: (await readFile(path, "utf8")).trim().split(/\r?\n/),
    };
  };
  const positions = await save("Download positions CSV");
  expect(positions.file).toBe("positions.csv");
  expect(positions.lines[0]).toBe(
    "symbol,sector,quantity,price,notional,weight,day_pnl,var_contribution,var_share,currency",
  );
  const rows = await page
    .getByRole("table", { name: "Exposure by position" })
    .locator("tbody tr")
    .count();
  expect(positions.lines).toHaveLength(rows + 1);
  const limits = await save("Download limits CSV");
  expect(limits.file).toBe("limits.csv");
  expect(limits.lines[0]).toBe(
    "limit,type,symbol,severity,status,measured,threshold,utilisation,warn_fraction",
  );
  expect(limits.lines).toHaveLength(9);
  expect(limits.lines.some((line) => line.startsWith("Gross exposure,MAX_GROSS_EXPOSURE,,"))).toBe(
    true,
  );
});

test("shows the book and every limit after a trade typed in, before anything is opened", async ({
  page,
}) => {
  const panel = page.getByRole("region", { name: "Before you trade" });
  const symbol = await page
    .getByRole("table", { name: "Exposure by position" })
    .locator("tbody th")
    .first()
    .textContent();
  await panel.getByLabel("Symbol").fill("NOSUCH");
  await panel.getByLabel("Quantity").fill("10");
  await panel.getByRole("button", { name: "See the book after it" }).click();
  await expect(panel.getByText("There is no instrument NOSUCH.")).toBeVisible();
  await expect(panel.getByLabel("Symbol")).toHaveAttribute("aria-invalid", "true");

  await panel.getByLabel("Symbol").fill(symbol ?? "");
  await panel.getByRole("button", { name: "See the book after it" }).click();
  await expect(panel.getByRole("status")).toContainText(`Buying 10 ${symbol} at $`);
  await expect(
    panel.getByRole("table", { name: "Each limit now and after the trade" }).locator("tbody tr"),
  ).toHaveCount(8);
  await expect(
    panel.getByRole("table", { name: "The book now and after the trade" }).getByRole("row", {
      name: /^Gross exposure/,
    }),
  ).toBeVisible();

  await panel.getByLabel("Quantity").fill("0");
  await panel.getByRole("button", { name: "See the book after it" }).click();
  await expect(panel.getByText("Enter a quantity other than 0.")).toBeVisible();
});

test("shows stress scenarios on today's book, with the limits each would breach", async ({
  page,
}) => {
  const table = page.getByRole("table", { name: "Stress scenarios on today's book" });
  await expect(table.locator("tbody tr")).toHaveCount(6);
  await expect(
    table.getByRole("row", { name: /^the moves of \d{4}-\d{2}-\d{2} · From the lookback/ }),
  ).toBeVisible();
  const marketDown = table.getByRole("row", { name: /^every price −10 %/ });
  await expect(marketDown.locator("td").first()).toHaveText(/^-\$[\d,]+$/);
  await expect(table.getByRole("row", { name: /−20 % · Hypothetical/ })).toBeVisible();
  const volatilityUp = table.getByRole("row", { name: /^daily moves ×1.5, prices unchanged/ });
  await expect(volatilityUp.locator("td").first()).toHaveText("no price move");
  await expect(volatilityUp.locator("td").nth(1)).toHaveText(/^\$[\d,]+$/);
});

test("each poll is one request for the dashboard's one query", async () => {
  const from = await polls.ticks();
  // Two whole polls: every request a tick makes is made before the next tick.
  await polls.untilTick(from + 3);
  const requests = await polls.requestsAfter(from);
  for (const tick of [from + 1, from + 2]) {
    const batches = requests
      .filter((request) => request.tick === tick)
      .map((request) => request.procedures.split(",").sort());
    expect(batches, `the requests of poll ${tick}`).toEqual([["risk.dashboard"]]);
  }
});

test("does not poll while the tab is hidden", async ({ page }) => {
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  const from = await polls.ticks();
  await polls.untilTick(from + 2);
  expect(await polls.requestsAfter(from)).toEqual([]);
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
  // Two polls answered, and the frames after the last painted.
  await polls.untilAnswered((await polls.ticks()) + 2);
  await page.evaluate(
    () => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))),
  );
  const shifts = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
  expect(shifts.reduce((sum, value) => sum + value, 0)).toBe(0);
});

test("says so while the server cannot be reached, and recovers by itself", async ({ page }) => {
  const isPoll = (request: { url(): string }) => request.url().includes("/api/trpc/");
  // The next poll fails, whenever it comes; then the banner shows.
  const failed = page.waitForEvent("requestfailed", { predicate: isPoll, timeout: 0 });
  await page.route("**/api/trpc/**", (route) => route.abort("connectionrefused"));
  await failed;
  const banner = page.getByRole("alert").filter({ hasText: "Can't reach the server" });
  await expect(banner).toBeVisible();
  // The last numbers stay on screen beneath the banner.
  await expect(page.getByRole("region", { name: "Net asset value" })).toBeVisible();
  // The next poll is answered, and the banner goes.
  const answered = page.waitForResponse(isPoll, { timeout: 0 });
  await page.unroute("**/api/trpc/**");
  await answered;
  await expect(banner).toBeHidden();
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
