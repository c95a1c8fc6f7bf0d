import { expect, test } from "@playwright/test";
import { hydrated } from "./support/hydration.ts";
import { type SecondInstance, startSecondInstance } from "./support/second-instance.ts";
import { signIn, sql } from "./support/session.ts";

const ADMIN = "admin@northwind.example.com";

let second: SecondInstance | undefined;

test.afterAll(async () => {
  await second?.stop();
});

test("the cache page shows every instance of the deployment, their sum, and an alert at its threshold", async ({
  page,
}) => {
  // Starting a second app server takes as long as the run's own start may (300 s there).
  test.setTimeout(300_000);
  second = await startSecondInstance({
    // Every read that is not a hit is below a minimum hit rate of 100 %, judged from one read:
    // the second instance's page raises the alert at its first miss. Reported every second, so
    // the page has it soon.
    CACHE_ALERT_MIN_HIT_RATE: "1",
    CACHE_ALERT_MIN_READS: "1",
    CACHE_REPORT_INTERVAL_MS: "1000",
  });

  await signIn(page, ADMIN, /\/admin$/);
  await page.goto("/admin/cache");
  await hydrated(page);
  const instances = page.getByRole("table", { name: "Cache figures by instance" });
  // Both instances report into the run's Redis prefix: each is a row, the run's own server
  // answers, and the last row is their sum.
  await expect(instances.getByTestId("cache-instance")).toHaveCount(2);
  await expect(instances.getByRole("row", { name: /answering you/ })).toHaveCount(1);
  await expect(instances.getByTestId("cache-deployment-total")).toContainText("All 2 instances");
  for (const chart of ["Hit rate", "Cache read latency", "Redis used memory"]) {
    await expect(page.getByRole("img", { name: new RegExp(`^${chart}`) })).toBeVisible();
  }

  // On the second instance (the session is the same: it is in the database), a trader's page
  // values her book there: a miss, since valuations stay in each instance's memory.
  const [maya] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [
    "maya@northwind.example.com",
  ]);
  await page.goto(`${second.baseURL}/admin/traders/${maya?.id}`);
  await expect(page.getByRole("heading", { name: "Maya Chen", exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Net asset value" }).locator(".value")).toHaveText(
    /\$/,
  );
  await page.goto(`${second.baseURL}/admin/cache`);
  await hydrated(page);
  await expect(instances.getByRole("row", { name: /answering you/ })).toHaveCount(1);
  // Its next report carries the miss; the page's next poll shows the alert it raises.
  const alert = page.getByTestId("cache-alerts");
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(
    /Hit rate .* below the 100\.0% threshold \(judged from 1 read in 5 minutes\)/,
  );
  await expect(page.getByRole("alert").filter({ hasText: "Cache alert" })).toHaveCount(1);
});
