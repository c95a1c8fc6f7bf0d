import { expect, test } from "@playwright/test";
import { hydrated } from "./support/hydration.ts";
import { holdPolls } from "./support/polls.ts";
import { signIn, sql } from "./support/session.ts";

test("a trader signs in to their dashboard", async ({ page, context }) => {
  await signIn(page, "maya@northwind.example.com", /\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "My risk" })).toBeVisible();
  const [cookie] = await context.cookies();
  expect(cookie).toMatchObject({ name: "rd_session", httpOnly: true, sameSite: "Lax" });
});

test("a wrong password is refused with a sentence, and nobody is signed in", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill("maya@northwind.example.com");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(
    "The email or password is not right.",
  );
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
});

test("an empty or malformed form shows errors under its fields before asking the server", async ({
  page,
}) => {
  let posted = 0;
  page.on("request", (request) => {
    if (request.url().includes("auth.login")) posted++;
  });
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill("maya at northwind");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  expect(posted).toBe(0);
});

test("a trader cannot reach the admin screens", async ({ page }) => {
  await signIn(page, "maya@northwind.example.com", /\/dashboard$/);
  for (const path of ["/admin", "/admin/cache"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/dashboard$/);
  }
});

test("a visitor sent to sign in comes back to the page they asked for", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
  await signIn(page, "maya@northwind.example.com", /\/dashboard$/);
});

test("a session that expires mid-use lands on sign-in and returns to the page after", async ({
  page,
}) => {
  // The dashboard's polls wait at the network until the session has expired: a poll answered
  // before would have the server remember the session as it was (a minute, live-sessions.ts).
  const polls = await holdPolls(page);
  await signIn(page, "lucas@northwind.example.com", /\/dashboard$/);
  await expect(page.getByRole("region", { name: "Net asset value" })).toBeVisible();
  await sql(
    `UPDATE "Session" SET "expiresAt" = now() - interval '1 second'
     WHERE "userId" = (SELECT id FROM "User" WHERE email = $1)`,
    ["lucas@northwind.example.com"],
  );
  // The next poll meets the expired session.
  await polls.releaseNext();
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard&expired=1$/);
  await polls.stop();
  await expect(page.getByRole("status")).toContainText("Your session ended");
  await signIn(page, "lucas@northwind.example.com", /\/dashboard$/);
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, "sofia@northwind.example.com", /\/dashboard$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
});
