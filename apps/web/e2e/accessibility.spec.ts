import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { hydrated } from "./support/hydration.ts";
import { signIn } from "./support/session.ts";

/** Serious and critical WCAG 2.1 A/AA violations on the page as it is now. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")).slice(0, 5),
    }));
}

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
