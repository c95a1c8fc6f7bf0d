import { chromium } from "@playwright/test";
const base = "http://localhost:3200";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
const page = await context.newPage();
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
await page.goto(`${base}/login`);
await page.getByLabel("Email").fill("admin@northwind.example.com");
await page.getByLabel("Password").fill("risk-demo-2026");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL(`${base}/admin`);
await page.getByRole("link", { name: "Jonas Weber" }).click();
await page.getByRole("heading", { level: 1, name: "Jonas Weber" }).waitFor();
const url = page.url();

// Inline edit: client validation
const row = () => page.getByRole("row", { name: /^Leverage/ });
await row().getByRole("button", { name: "Edit Leverage" }).click();
await row().getByLabel("Threshold").fill("0");
await row().getByRole("button", { name: "Save Leverage" }).click();
console.log("threshold error:", await row().locator(".field-error").first().innerText().catch(()=>"?"), "| invalid:", await row().getByLabel("Threshold").getAttribute("aria-invalid"));
await row().getByLabel("Threshold").fill("4");
await row().getByLabel("Warn fraction").fill("0.9");
await row().getByLabel("Severity").selectOption("SOFT");
await row().getByRole("button", { name: "Save Leverage" }).click();
await page.getByRole("row", { name: /^Leverage/ }).getByRole("button", { name: "Edit Leverage" }).waitFor();
console.log("after edit:", await row().innerText());
await page.waitForTimeout(500);
console.log("audit first row:", await page.getByRole("table", { name: "Audit history" }).locator("tbody tr").first().innerText());
console.log("dashboard leverage bar:", await page.getByRole("meter", { name: "Leverage utilisation" }).getAttribute("aria-valuetext"));

// Conflict: a second tab changes the profile under the first
const other = await context.newPage();
await other.goto(url);
await other.waitForLoadState("networkidle");
await page.getByLabel("Lookback (days)").fill("300");
await other.getByLabel("Lookback (days)").fill("200");
await other.getByRole("button", { name: "Save profile" }).click();
await other.getByText("Saved.").waitFor();
await page.getByRole("button", { name: "Save profile" }).click();
await page.getByRole("button", { name: "Reload" }).waitFor();
console.log("conflict:", await page.locator(".mutation-error").first().innerText());
await page.getByRole("button", { name: "Reload" }).click();
await page.waitForTimeout(800);
console.log("after reload lookback:", await page.getByLabel("Lookback (days)").inputValue(), await page.getByTestId("profile-version").innerText());
// Profile validation
await page.getByLabel("Lookback (days)").fill("5");
await page.getByLabel("Max drawdown tolerance (fraction)").fill("");
await page.getByRole("button", { name: "Save profile" }).click();
await page.waitForTimeout(300);
console.log("profile errors:", await page.locator("form").first().locator(".field-error").allInnerTexts());

// Create a limit with validation
const create = page.getByRole("form", { name: "New limit" });
await create.getByLabel("Limit type").selectOption("MAX_DRAWDOWN");
await create.getByLabel("Threshold").fill("15");
await create.getByRole("button", { name: "Add limit" }).click();
await page.waitForTimeout(300);
console.log("create errors:", (await create.locator(".field-error").allInnerTexts()).filter(Boolean));
await create.getByLabel("Limit type").selectOption("MAX_POSITION_NOTIONAL");
await create.getByLabel("Threshold").fill("50000");
await create.getByLabel("Symbol").fill("qbit");
await create.getByRole("button", { name: "Add limit" }).click();
await create.getByText(/^Added/).waitFor();
console.log("created:", await create.getByRole("status").innerText());
const rows = await page.getByRole("table", { name: "Risk limits" }).locator("tbody tr").allInnerTexts();
console.log("limits now:", rows.map((r) => r.split("\t")[0]));
// Delete with confirmation: Keep, then Delete
const drow = page.getByRole("row", { name: /^Daily loss/ });
await drow.getByRole("button", { name: "Delete Daily loss" }).click();
console.log("focused:", await page.evaluate(() => document.activeElement?.textContent));
await drow.getByRole("button", { name: "Keep" }).click();
console.log("focused after keep:", await page.evaluate(() => document.activeElement?.getAttribute("aria-label")));
await drow.getByRole("button", { name: "Delete Daily loss" }).click();
await drow.getByRole("button", { name: "Delete", exact: true }).click();
await page.getByRole("row", { name: /^Daily loss/ }).waitFor({ state: "detached" });
console.log("deleted daily loss; audit:", (await page.getByRole("table", { name: "Audit history" }).locator("tbody tr").allInnerTexts()).slice(0, 5));
await page.screenshot({ path: "/tmp/admin-trader2.png", fullPage: true });
// Not found
for (const id of ["nope", "00000000-0000-4000-8000-000000000000"]) {
  const res = await page.goto(`${base}/admin/traders/${id}`);
  console.log("notfound", id, res.status(), await page.getByRole("heading", { level: 1 }).innerText());
}
console.log("errors:", errors);
await browser.close();
