import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { hydrated } from "./support/hydration.ts";
import { signIn, sql } from "./support/session.ts";

// Harbor's admin: the other specs look at Northwind, whose price source this leaves alone.
const ADMIN = "admin@harbor.example.com";

/** Posts Harbor's RDX at the price it has, so no valuation another spec reads moves. */
async function postPrice(page: Page, secret: string) {
  const [rdx] = await sql<{ price: string }>(
    `SELECT i."lastPrice"::text AS price FROM "Instrument" i JOIN "Tenant" t ON t.id = i."tenantId"
     WHERE t.slug = 'harbor' AND i.symbol = 'RDX'`,
  );
  return page.request.post("/api/v1/prices", {
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    data: { prices: [{ symbol: "RDX", price: Number(rdx?.price) }] },
  });
}

test("an admin makes a token, sees it once, switches the price source, sees its use and revokes it", async ({
  page,
}) => {
  await signIn(page, ADMIN, /\/admin$/);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "API tokens" })
    .click();
  await expect(page).toHaveURL(/\/admin\/tokens$/);
  await hydrated(page);

  // No scope chosen: refused under the scopes, nothing made.
  const name = `E2E feed ${randomUUID().slice(0, 6)}`;
  const form = page.getByRole("form", { name: "Make a token" });
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Make token" }).click();
  await expect(form.getByText("Choose at least one scope.")).toBeVisible();

  await form.getByLabel("Intraday prices").check();
  await form.getByRole("button", { name: "Make token" }).click();
  const issued = page.getByRole("region", { name: `Token ${name}` });
  await expect(issued.getByText("it will not be shown again")).toBeVisible();
  const secret = await issued.getByLabel("API token").inputValue();
  expect(secret).toMatch(/^rdt_[0-9a-f]{8}_/);
  await expect(issued.getByRole("button", { name: "Copy" })).toBeVisible();
  const row = page
    .getByRole("table", { name: "API tokens" })
    .getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(`${secret.slice(0, 12)}…`);
  await expect(row).toContainText("Intraday prices");
  await issued.getByRole("button", { name: "Done" }).click();
  await expect(issued).toBeHidden();
  // Shown once: not on the page any more, not after a reload.
  await expect(page.locator(`input[value="${secret}"]`)).toHaveCount(0);

  // On the simulated feed, prices posted are refused with how to switch.
  const refused = await postPrice(page, secret);
  expect(refused.status()).toBe(409);
  const source = page.getByRole("group", {
    name: "Where the firm's intraday last prices come from",
  });
  await source.getByLabel("From the API").check();
  await expect(page.getByText("Saved: From the API.")).toBeVisible();
  expect((await postPrice(page, secret)).status()).toBe(200);

  // The page follows the token's uses as they come (it polls), without a reload.
  const uses = page.getByRole("table", { name: "Recent uses" });
  await expect(uses.getByRole("row", { name: new RegExp(name) }).first()).toContainText("200");
  await expect(row).not.toContainText("Never");
  await page.reload();
  await hydrated(page);
  await expect(source.getByLabel("From the API")).toBeChecked();

  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await row.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(row).toContainText("Revoked");
  expect((await postPrice(page, secret)).status()).toBe(401);

  // Back to the default for the specs after this one.
  await source.getByLabel("Simulated feed").check();
  await expect(page.getByText("Saved: Simulated feed.")).toBeVisible();
});
