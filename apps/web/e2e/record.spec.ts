import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, type Locator, type Page, test } from "@playwright/test";
import Papa from "papaparse";
import { hydrated } from "./support/hydration.ts";
import { signIn, sql } from "./support/session.ts";

/**
 * The firm's record: the audit log paged, filtered and exported; a limit's own history; the
 * alert history; and the traders list's sort and search. The rows these tests read are their
 * own (Lucas's: changes on a day long past, a limit on a symbol he has none on, an alert) and
 * go in afterAll.
 */

const ADMIN = "admin@northwind.example.com";
// The viewer's zone is not the server's: the page must write times, and read days, in this one.
test.use({ timezoneId: "Europe/Paris" });

/** 12:00 UTC on 10 March 2025, 13:00 in Paris: the day the log's own events happened. */
const DAY_START = Date.parse("2025-03-10T12:00:00Z");
const EVENTS = 55;
const NOTE = `Hedged with index futures ${randomUUID().slice(0, 8)}`;

let lucas: { id: string; tenantId: string };
let adminId: string;
/** A symbol Lucas has no limit on and does not hold: the history test adds a limit on it. */
let symbol: string;
const auditIds: string[] = [];
let alertId: string;

test.beforeAll(async () => {
  const [trader] = await sql<{ id: string; tenantId: string }>(
    `SELECT id, "tenantId" FROM "User" WHERE email = $1`,
    ["lucas@northwind.example.com"],
  );
  const [admin] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [ADMIN]);
  if (!trader || !admin) throw new Error("the demo firm has Lucas and its admin");
  lucas = trader;
  adminId = admin.id;
  const [free] = await sql<{ symbol: string }>(
    `SELECT symbol FROM "Instrument" i WHERE "tenantId" = $1
       AND NOT EXISTS (SELECT 1 FROM "RiskLimit" l WHERE l."traderId" = $2 AND l.symbol = i.symbol)
       AND NOT EXISTS (SELECT 1 FROM "Position" p WHERE p."traderId" = $2 AND p."instrumentId" = i.id)
     ORDER BY symbol LIMIT 1`,
    [lucas.tenantId, lucas.id],
  );
  if (!free) throw new Error("the demo firm trades a symbol Lucas has no limit on");
  symbol = free.symbol;
  // Lucas's own changes on that day, a minute apart, and one more at 23:30 UTC: the next day
  // in Paris, outside a range ending on the 10th there.
  const times = [
    ...Array.from({ length: EVENTS }, (_, i) => DAY_START + i * 60_000),
    Date.parse("2025-03-10T23:30:00Z"),
  ];
  for (const [i, time] of times.entries()) {
    const id = randomUUID();
    auditIds.push(id);
    await sql(
      `INSERT INTO "AuditEvent" (id, "tenantId", "actorId", "traderId", entity, "entityId", action, after, "createdAt")
       VALUES ($1, $2, $3, $3, 'POSITION', $4, 'CREATE', $5, $6)`,
      [
        id,
        lucas.tenantId,
        lucas.id,
        randomUUID(),
        { symbol: "RDX", quantity: i + 1 },
        new Date(time),
      ],
    );
  }
  // An alert on his leverage limit, acknowledged by the admin with a note and since resolved.
  const [leverage] = await sql<{ id: string }>(
    `SELECT id FROM "RiskLimit" WHERE "traderId" = $1 AND type = 'MAX_LEVERAGE'`,
    [lucas.id],
  );
  alertId = randomUUID();
  await sql(
    `INSERT INTO "RiskAlert" (id, "tenantId", "traderId", "limitId", level, value, threshold, message,
       "raisedAt", "resolvedAt", "acknowledgedAt", "acknowledgedById", "acknowledgeNote")
     VALUES ($1, $2, $3, $4, 'WARN', 2.5, 3, 'Leverage at 83% of its limit',
       now(), now(), now(), $5, $6)`,
    [alertId, lucas.tenantId, lucas.id, leverage?.id, adminId, NOTE],
  );
});

test.afterAll(async () => {
  await sql(`DELETE FROM "RiskAlert" WHERE id = $1`, [alertId]);
  await sql(`DELETE FROM "AuditEvent" WHERE id = ANY($1)`, [auditIds]);
  // The limit the history test added, and its audit events.
  const added = await sql<{ id: string }>(
    `DELETE FROM "RiskLimit" WHERE "traderId" = $1 AND symbol = $2 RETURNING id`,
    [lucas.id, symbol],
  );
  await sql(`DELETE FROM "AuditEvent" WHERE "entityId" = ANY($1)`, [added.map((row) => row.id)]);
});

async function open(page: Page, email: string, path: string) {
  await signIn(page, email);
  await page.goto(path);
  await hydrated(page);
}

test("the admin filters the audit log by person and days, pages it and downloads it", async ({
  page,
}) => {
  await open(page, ADMIN, "/admin/audit");
  const filters = page.getByRole("form", { name: "Filter the audit log" });
  await filters.getByLabel("Person").selectOption({ label: "Lucas Moreau" });
  // An end before the start is refused under the field, and what was entered stays.
  await filters.getByLabel("From (day)").fill("2025-03-11");
  await filters.getByLabel("To (day, included)").fill("2025-03-10");
  await filters.getByRole("button", { name: "Show" }).click();
  await expect(filters.getByText("The end date must be on or after the start date.")).toBeVisible();
  await expect(filters.getByLabel("From (day)")).toHaveValue("2025-03-11");

  await filters.getByLabel("From (day)").fill("2025-03-10");
  await filters.getByRole("button", { name: "Show" }).click();
  const log = page.getByRole("table", { name: "Changes" });
  // 50 a page, newest first, in Paris time; the 23:30 UTC event is on the 11th there.
  await expect(log.locator("tbody tr")).toHaveCount(50);
  await expect(log.locator("tbody tr").first()).toContainText("10 Mar 2025, 13:54:00");
  await expect(log).not.toContainText("11 Mar 2025");
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(log.locator("tbody tr")).toHaveCount(EVENTS);
  await expect(log.locator("tbody tr").last()).toContainText("10 Mar 2025, 13:00:00");
  await expect(page.getByText(`${EVENTS} shown, the oldest reached`)).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("audit-log.csv");
  const csv = Papa.parse<Record<string, string>>(await readFile(await download.path(), "utf8"), {
    header: true,
    skipEmptyLines: true,
  });
  expect(csv.data).toHaveLength(EVENTS);
  expect(csv.data[0]).toMatchObject({
    time_utc: "2025-03-10T12:54:00.000Z",
    time_zone: "Europe/Paris",
    who: "Lucas Moreau",
    trader: "Lucas Moreau",
    kind: "Position",
    what: "Position RDX opened",
    change: `symbol RDX; quantity ${EVENTS}`,
  });
  // Paris's time, with its zone named as on the screen.
  expect(csv.data[0]?.time_local).toMatch(/^10 Mar 2025, 13:54:00 \S/);
  await expect(page.getByText(`Saved ${EVENTS} events.`)).toBeVisible();
});

test("a limit's history shows the old and the new value and who changed it", async ({ page }) => {
  await open(page, ADMIN, `/admin/traders/${lucas.id}`);
  const form = page.getByRole("form", { name: "New limit" });
  await form.getByLabel("Limit type").selectOption({ label: "Position notional" });
  await form.getByLabel("Threshold").fill("40000");
  await form.getByLabel("Symbol").fill(symbol);
  await form.getByRole("button", { name: "Add limit" }).click();
  const limits = page.getByRole("table", { name: "Risk limits" });
  const name = `Position notional (${symbol})`;
  const row = limits.getByRole("row", { name: new RegExp(`^${name.replace(/[()]/g, "\\$&")}`) });
  await expect(row).toContainText("$40,000");

  await row.getByRole("button", { name: `Edit ${name}` }).click();
  const editing = limits.getByRole("row").filter({ has: page.getByLabel("Threshold") });
  await editing.getByLabel("Threshold").fill("45000");
  await editing.getByRole("button", { name: `Save ${name}` }).click();
  await expect(row).toContainText("$45,000");

  await row.getByRole("button", { name: `History of ${name}` }).click();
  const history = page.getByRole("table", { name: `History of the ${name} limit` });
  const changed = history.locator("tbody tr").nth(0);
  const created = history.locator("tbody tr").nth(1);
  await expect(changed).toContainText("Avery Admin");
  await expect(changed).toContainText("Changed");
  await expect(changed).toContainText("threshold $40,000 → $45,000");
  await expect(created).toContainText("Created");
  await expect(created).toContainText("threshold $40,000");
  await page.getByRole("button", { name: "Close history" }).click();
  await expect(history).toBeHidden();
});

test("the trader sees who acknowledged an alert, with the note, in the alert history", async ({
  page,
}) => {
  await open(page, "lucas@northwind.example.com", "/dashboard");
  const history = page.getByRole("table", { name: "Alert history" });
  const row = history.getByRole("row").filter({ hasText: NOTE });
  await expect(row).toContainText("Avery Admin");
  await expect(row).toContainText("Warning");
  await expect(row).toContainText("2.50× / 3.00×");
});

test("the traders list sorts by any column and finds a trader as the admin types", async ({
  page,
}) => {
  await open(page, ADMIN, "/admin");
  const traders = page.getByRole("table", { name: "Traders" });
  const breaches = traders.getByRole("columnheader", { name: /^Open breaches/ });
  await expect(breaches).toHaveAttribute("aria-sort", "descending");
  const column = async (index: number) =>
    traders.locator(`tbody tr > :nth-child(${index})`).allInnerTexts();
  const counts = (await column(9)).map(Number);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
  const firm = page.getByLabel("Firm totals");
  const total = firm.locator("div", { has: page.getByText("Open breaches", { exact: true }) });
  await expect(total.locator("dd")).toHaveText(String(counts.reduce((sum, n) => sum + n, 0)));

  const trader = traders.getByRole("columnheader", { name: /^Trader/ });
  await trader.getByRole("button").click();
  await expect(trader).toHaveAttribute("aria-sort", "ascending");
  await expect(breaches).toHaveAttribute("aria-sort", "none");
  const names = await column(1);
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  await trader.getByRole("button").click();
  await expect(trader).toHaveAttribute("aria-sort", "descending");
  expect(await column(1)).toEqual([...names].reverse());

  await page.getByLabel("Search traders").fill("PRIYA");
  await expect(traders.locator("tbody tr")).toHaveCount(1);
  await expect(traders.locator("tbody tr")).toContainText("Priya Natarajan");
  await page.getByLabel("Search traders").fill("nobody-here");
  await expect(traders.locator("tbody tr")).toContainText("No trader's name or email holds");
});

test("at 390 px the record's screens scroll sideways only inside their tables", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  /** What of `root` reaches past the screen's right edge, outside a table's own box. */
  const sticking = (root: Locator) =>
    root.evaluate((element) =>
      [element, ...element.querySelectorAll("*")]
        .filter((inner) => !inner.closest(".table-scroll"))
        .filter((inner) => inner.getBoundingClientRect().right > window.innerWidth)
        .map((inner) => inner.outerHTML.slice(0, 80)),
    );
  await open(page, ADMIN, "/admin");
  await expect(page.getByRole("table", { name: "Traders" })).toBeVisible();
  expect(await sticking(page.getByRole("main"))).toEqual([]);
  await page.goto("/admin/audit");
  await hydrated(page);
  await expect(page.getByRole("table", { name: "Changes" })).toBeVisible();
  expect(await sticking(page.getByRole("main"))).toEqual([]);
  await page.goto(`/admin/traders/${lucas.id}`);
  await hydrated(page);
  await page.getByRole("button", { name: "History of Leverage" }).click();
  await expect(page.getByRole("region", { name: /^History of the / })).toBeVisible();
  // The limits with a history open, and the alert history.
  const limits = page.getByRole("region", { name: "Risk limits", exact: true });
  const alerts = page.getByRole("region", { name: "Alert history", exact: true });
  expect(await sticking(limits)).toEqual([]);
  expect(await sticking(alerts)).toEqual([]);
});
