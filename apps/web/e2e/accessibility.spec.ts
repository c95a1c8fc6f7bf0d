import { expect, test } from "@playwright/test";
import { seriousViolations } from "./support/axe.ts";
import { hydrated } from "./support/hydration.ts";
import { signIn } from "./support/session.ts";

test("the sign-in page, also with its errors showing", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your password.")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the trader's dashboard", async ({ page }) => {
  await signIn(page, "aiko@harbor.example.com", /\/dashboard$/);
  await expect(page.locator(".chart-canvas canvas").first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the admin's screens", async ({ page }) => {
  await signIn(page, "admin@harbor.example.com", /\/admin$/);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("link", { name: "Omar Haddad" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Omar Haddad/ })).toBeVisible();
  await expect(page.locator(".chart-canvas canvas").first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto("/admin/cache");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  // The scenarios form, also with its errors showing.
  await page.goto("/admin/scenarios");
  await hydrated(page);
  await page.getByRole("button", { name: "Add scenario" }).click();
  await expect(page.getByText("Enter a name.")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the people screen and the change-password page, also with their errors showing", async ({
  page,
}) => {
  await signIn(page, "admin@harbor.example.com", /\/admin$/);
  await page.goto("/admin/people");
  await hydrated(page);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Add trader" }).click();
  await expect(page.getByText("Enter a name.")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto("/account/password");
  await hydrated(page);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Enter your current password.")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the record: the audit log with a refused range, a limit's history", async ({ page }) => {
  await signIn(page, "admin@harbor.example.com", /\/admin$/);
  await page.goto("/admin/audit");
  await hydrated(page);
  await page.getByLabel("From (day)").fill("2025-03-11");
  await page.getByLabel("To (day, included)").fill("2025-03-10");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText("The end date must be on or after the start date.")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Omar Haddad" }).click();
  await hydrated(page);
  await page
    .getByRole("button", { name: /^History of / })
    .first()
    .click();
  await expect(page.getByRole("region", { name: /^History of the / })).toBeVisible();
  await expect(page.getByRole("table", { name: "Alert history" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the import screen, also with a preview's invalid rows and a refusal showing", async ({
  page,
}) => {
  await signIn(page, "admin@harbor.example.com", /\/admin$/);
  await page.goto("/admin/imports");
  await hydrated(page);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("Choose a CSV file to preview.")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("radio", { name: /^Instruments/ }).check();
  await page.getByLabel("CSV file").setInputFiles({
    name: "instruments.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("symbol,name,sector,currency\nNEW1,New One,Technology,usd dollars\n"),
  });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("table", { name: "Problems" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
