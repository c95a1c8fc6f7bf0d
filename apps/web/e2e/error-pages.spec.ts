import { expect, type Page, test } from "@playwright/test";
import { hydrated } from "./support/hydration.ts";
import { signIn, sql } from "./support/session.ts";

/** The app's own 404: its frame and words, answered with status 404, and a way home. */
async function expectNotFound(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.locator("header.shell")).toContainText("Risk Dashboard");
}

test("an unknown address, nested or not, shows the app's 404 with a way to sign in", async ({
  page,
}) => {
  await expectNotFound(page, "/no-such-page");
  await expectNotFound(page, "/admin/no/such/page");
  await page.getByRole("link", { name: "Back to the start" }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test("signed in, the 404's way home leads to the viewer's own home", async ({ page }) => {
  await signIn(page, "maya@northwind.example.com", /\/dashboard$/);
  await expectNotFound(page, "/dashboard/no-such-page");
  await page.getByRole("link", { name: "Back to the start" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("a page that fails shows the app's error page, and Try again recovers", async ({ page }) => {
  await signIn(page, "admin@harbor.example.com", /\/admin$/);
  // Every signed-in page reads the firm's name for its header: without the table, it fails.
  await sql(`ALTER TABLE "Tenant" RENAME TO "Tenant_hidden"`);
  try {
    const response = await page.goto("/admin/scenarios");
    expect(response?.status()).toBe(500);
    await expect(
      page.getByRole("heading", { level: 1, name: "Something went wrong" }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to the start" })).toBeVisible();
  } finally {
    await sql(`ALTER TABLE "Tenant_hidden" RENAME TO "Tenant"`);
  }
  await hydrated(page);
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Stress scenarios" })).toBeVisible();
});
