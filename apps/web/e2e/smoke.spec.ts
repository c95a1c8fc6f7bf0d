import { expect, test } from "@playwright/test";

test("the start page lists each firm's people from the seeded database", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Risk Dashboard" })).toBeVisible();

  const northwind = page.getByRole("region", { name: "Northwind Capital" });
  await expect(northwind.getByRole("row")).toHaveCount(7); // header + admin + five traders
  const maya = northwind.getByRole("row", { name: /Maya Chen/ });
  await expect(maya).toContainText("maya@northwind.example.com");
  await expect(maya).toContainText("Trader");
  await expect(maya.getByRole("cell").nth(4)).toHaveText("8");

  const harbor = page.getByRole("region", { name: "Harbor Street Trading" });
  await expect(harbor.getByRole("row", { name: /Morgan Admin/ })).toContainText("Admin");
});

test("health reports the external database and the Redis cache", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({
    status: "ok",
    database: { status: "ok", mode: "external" },
    cache: { mode: "redis", status: "ok", redis: { connected: true } },
  });
});
