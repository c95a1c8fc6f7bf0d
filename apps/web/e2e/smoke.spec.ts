import { expect, test } from "@playwright/test";
import { signIn } from "./support/session.ts";

test("the front door sends a visitor to sign in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { level: 1, name: "Risk Dashboard" })).toBeVisible();
});

test("health reports the external database and the Redis cache to an admin", async ({ page }) => {
  await signIn(page, "admin@northwind.example.com", /\/admin$/);
  const response = await page.request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({
    status: "ok",
    database: { status: "ok", mode: "external" },
    cache: { mode: "redis", status: "ok", redis: { connected: true } },
  });
});
