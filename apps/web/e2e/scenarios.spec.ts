import { expect, test } from "@playwright/test";
import { hydrated } from "./support/hydration.ts";
import { signIn, sql } from "./support/session.ts";

const ADMIN = "admin@northwind.example.com";
const TRADER = "maya@northwind.example.com";

test.afterAll(async () => {
  await sql(`DELETE FROM "StressScenario" WHERE name = 'Energy crunch'`);
});

test("an admin defines a firm scenario, a trader's stress panel shows it, the admin removes it", async ({
  page,
  browser,
}) => {
  await signIn(page, ADMIN, /\/admin$/);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Scenarios" })
    .click();
  await expect(page).toHaveURL(/\/admin\/scenarios$/);
  await hydrated(page);
  const form = page.getByRole("form", { name: "New scenario" });

  // Refused in the browser with the field named, before anything is sent.
  await form.getByRole("button", { name: "Add scenario" }).click();
  await expect(form.getByText("Enter a name.")).toBeVisible();
  await expect(form.getByText("Enter a number.")).toBeVisible();

  await form.getByLabel("Name").fill("Energy crunch");
  await form.getByLabel("Move (%)").fill("-5");
  await form.getByRole("button", { name: "Add a move" }).click();
  await form.getByLabel("What moves").nth(1).selectOption("SECTOR");
  await form.getByLabel("Sector").selectOption("Energy");
  await form.getByLabel("Move (%)").nth(1).fill("-150");
  await form.getByRole("button", { name: "Add scenario" }).click();
  await expect(form.getByText("A price can fall at most 100 %.")).toBeVisible();
  await form.getByLabel("Move (%)").nth(1).fill("-30");
  await form.getByRole("button", { name: "Add scenario" }).click();
  await expect(form.getByRole("status")).toHaveText("Added Energy crunch.");

  const table = page.getByRole("table");
  const row = table.getByRole("row", { name: /Energy crunch/ });
  await expect(row).toContainText("Every price −5.0%, Energy −30.0%");
  await expect(row).toContainText("Avery Admin");

  // The same name again is refused under the name, by the server.
  await form.getByLabel("Name").fill("Energy crunch");
  await form.getByLabel("Move (%)").fill("-1");
  await form.getByRole("button", { name: "Add scenario" }).click();
  await expect(
    form.getByText("The firm has a scenario of this name already: choose another."),
  ).toBeVisible();

  const trader = await (await browser.newContext()).newPage();
  await signIn(trader, TRADER, /\/dashboard$/);
  const stress = trader.getByRole("table", { name: "Stress scenarios on today's book" });
  const firmRow = stress.getByRole("row", { name: /^Energy crunch · Firm scenario/ });
  await expect(firmRow.locator("td").first()).toHaveText(/^[-+]\$[\d,]+$/);

  await row.getByRole("button", { name: "Delete Energy crunch" }).click();
  await row.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByText("None yet")).toBeVisible();
  const [left] = await sql<{ count: string }>(
    `SELECT count(*) FROM "StressScenario" WHERE name = 'Energy crunch'`,
  );
  expect(left?.count).toBe("0");
});
