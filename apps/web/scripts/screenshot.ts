/**
 * pnpm screenshot — writes docs/dashboard.png, docs/admin.png, docs/people.png and
 * docs/dashboard-phone.png (the dashboard's first screen on a 390 px phone) from a running app
 * (SCREENSHOT_URL, http://localhost:3000 by default: start it with `pnpm start` first).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "@playwright/test";

const baseURL = process.env.SCREENSHOT_URL ?? "http://localhost:3000";
const docs = fileURLToPath(new URL("../../../docs/", import.meta.url));
const PASSWORD = "risk-demo-2026";

async function signIn(page: Page, email: string) {
  await page.goto(`${baseURL}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/(dashboard|admin)$/);
}

/** Waits until the charts have drawn and one poll has passed, so the picture is settled. */
async function settled(page: Page) {
  await page.locator(".chart-canvas canvas").first().waitFor();
  await page.waitForTimeout(6_000);
}

const browser = await chromium.launch({
  executablePath:
    process.env.CHROMIUM_PATH ??
    (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined),
  args: ["--no-sandbox"],
});
try {
  const viewport = { width: 1440, height: 900 };
  const trader = await browser.newPage({ viewport });
  await signIn(trader, "jonas@northwind.example.com");
  await settled(trader);
  await trader.screenshot({ path: `${docs}dashboard.png`, fullPage: true });

  const admin = await browser.newPage({ viewport });
  await signIn(admin, "admin@northwind.example.com");
  await admin.getByRole("link", { name: "Priya Natarajan" }).click();
  await admin.getByRole("heading", { level: 1, name: /Priya Natarajan/ }).waitFor();
  await settled(admin);
  await admin.screenshot({ path: `${docs}admin.png`, fullPage: true });

  await admin.goto(`${baseURL}/admin/people`);
  await admin.getByRole("table", { name: "People" }).waitFor();
  await admin.screenshot({ path: `${docs}people.png`, fullPage: true });

  // A phone's first screen, as a trader opening the app on the way in sees it.
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await signIn(phone, "jonas@northwind.example.com");
  await settled(phone);
  await phone.screenshot({ path: `${docs}dashboard-phone.png` });
  console.info(`wrote dashboard.png, admin.png, people.png and dashboard-phone.png in ${docs}`);
} finally {
  await browser.close();
}
