import { randomUUID } from "node:crypto";
import { type Browser, expect, type Locator, type Page, test } from "@playwright/test";
import { hydrated } from "./support/hydration.ts";
import { holdPolls } from "./support/polls.ts";
import { signIn } from "./support/session.ts";

const ADMIN = "admin@northwind.example.com";
const NOT_RIGHT = "The email or password is not right.";

/** A page of its own (cookies apart): a second person, or the same person on another device. */
async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** The admin on the people screen. */
async function peopleScreen(browser: Browser): Promise<Page> {
  const admin = await newPage(browser);
  await signIn(admin, ADMIN, /\/admin$/);
  await admin
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "People" })
    .click();
  await expect(admin).toHaveURL(/\/admin\/people$/);
  await hydrated(admin);
  return admin;
}

/** Adds a trader of the spec's own through the form; their name, email and temporary password. */
async function addTrader(admin: Page, copyLimitsFrom?: string) {
  const name = `Nina ${randomUUID().slice(0, 6)}`;
  const email = `${name.replace(" ", ".").toLowerCase()}@northwind.example.com`;
  const form = admin.getByRole("form", { name: "Add trader" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Starting cash").fill("100000");
  if (copyLimitsFrom)
    await form.getByLabel("Copy limits from").selectOption({ label: copyLimitsFrom });
  await form.getByRole("button", { name: "Add trader" }).click();
  const issued = admin.getByRole("region", { name: `Temporary password for ${name}` });
  const password = await issued.getByLabel("Temporary password").inputValue();
  expect(password).toMatch(/^\S{16,}$/);
  await issued.getByRole("button", { name: "Done" }).click();
  return { name, email, password };
}

/** The sentence a sign-in with this password is answered with. */
async function refusalOf(page: Page, email: string, password: string): Promise<Locator> {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  return page.locator("form").getByRole("alert");
}

/** Chooses a new password on the change-password page (the current one given). */
async function changePassword(page: Page, current: string, next: string) {
  const form = page.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill(current);
  await form.getByLabel("New password", { exact: true }).fill(next);
  await form.getByLabel("New password again").fill(next);
  await form.getByRole("button", { name: "Change password" }).click();
}

/** The people table's row of `name`. */
const rowOf = (admin: Page, name: string) =>
  admin.getByRole("table", { name: "People" }).getByRole("row", { name: new RegExp(name) });

test("an admin adds a trader, who chooses a password, is signed out by deactivation within one poll, and comes back", async ({
  browser,
}) => {
  const admin = await peopleScreen(browser);

  // A taken email is refused under its field, and what was typed stays.
  const form = admin.getByRole("form", { name: "Add trader" });
  await form.getByLabel("Name").fill("Maya Twin");
  await form.getByLabel("Email").fill("maya@northwind.example.com");
  await form.getByLabel("Starting cash").fill("5000");
  await form.getByRole("button", { name: "Add trader" }).click();
  await expect(
    form.getByText("Someone already signs in with this email: use another."),
  ).toBeVisible();
  await expect(form.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Name")).toHaveValue("Maya Twin");

  const nina = await addTrader(admin, "Jonas Weber");
  await expect(rowOf(admin, nina.name)).toContainText("Temporary password");

  // The temporary password opens only the change-password page.
  const trader = await newPage(browser);
  await signIn(trader, nina.email, /\/account\/password$/, nina.password);
  await trader.goto("/dashboard");
  await expect(trader).toHaveURL(/\/account\/password$/);
  await hydrated(trader);
  await changePassword(trader, nina.password, "nina's very own password");
  await expect(trader).toHaveURL(/\/dashboard$/);
  await expect(trader.getByRole("heading", { level: 1, name: "My risk" })).toBeVisible();
  await expect(trader.getByRole("region", { name: "Net asset value" })).toBeVisible();

  // Deactivated while the dashboard is open: the next poll is refused and sends them to sign in.
  const polls = await holdPolls(trader);
  await admin.reload();
  await hydrated(admin);
  await rowOf(admin, nina.name)
    .getByRole("button", { name: `Deactivate ${nina.name}` })
    .click();
  await rowOf(admin, nina.name).getByRole("button", { name: "Deactivate", exact: true }).click();
  await expect(rowOf(admin, nina.name)).toContainText("Deactivated");
  await polls.releaseNext();
  await expect(trader).toHaveURL(/\/login\?next=%2Fdashboard&expired=1$/);
  await polls.stop();
  await expect(await refusalOf(trader, nina.email, "nina's very own password")).toHaveText(
    NOT_RIGHT,
  );

  await rowOf(admin, nina.name)
    .getByRole("button", { name: `Reactivate ${nina.name}` })
    .click();
  await expect(rowOf(admin, nina.name)).toContainText("Active");
  await signIn(trader, nina.email, /\/dashboard$/, "nina's very own password");

  // Each step is in the trader's audit history.
  await rowOf(admin, nina.name).getByRole("link", { name: nina.name }).click();
  const history = admin.getByRole("table", { name: "Audit history" });
  for (const step of ["added", "deactivated", "reactivated"]) {
    await expect(
      history.getByRole("row", { name: new RegExp(`Trader ${nina.name} ${step}`) }),
    ).toBeVisible();
  }
  await expect(
    history.getByRole("row", { name: new RegExp(`Password of ${nina.name} changed`) }),
  ).toBeVisible();
});

test("a password change needs the current password and signs out the user's other sessions", async ({
  browser,
}) => {
  const admin = await peopleScreen(browser);
  const nina = await addTrader(admin);
  const here = await newPage(browser);
  await signIn(here, nina.email, /\/account\/password$/, nina.password);
  await hydrated(here);
  await changePassword(here, nina.password, "first own password");
  await expect(here).toHaveURL(/\/dashboard$/);

  const elsewhere = await newPage(browser);
  await signIn(elsewhere, nina.email, /\/dashboard$/, "first own password");
  await expect(elsewhere.getByRole("region", { name: "Net asset value" })).toBeVisible();
  const polls = await holdPolls(elsewhere);

  await here.getByRole("link", { name: "Change password" }).click();
  await expect(here).toHaveURL(/\/account\/password$/);
  await hydrated(here);
  await changePassword(here, "not my password", "second own password");
  const current = here.getByLabel("Current password");
  await expect(here.getByText("This is not your current password.")).toBeVisible();
  await expect(current).toHaveAttribute("aria-invalid", "true");
  await expect(here.getByLabel("New password again")).toHaveValue("second own password");

  await changePassword(here, "first own password", "second own password");
  await expect(here.getByRole("status")).toHaveText(
    "Password changed. Your other sessions have ended.",
  );
  await polls.releaseNext();
  await expect(elsewhere).toHaveURL(/\/login\?next=%2Fdashboard&expired=1$/);
  await polls.stop();

  // This session stays; the old password is gone, the new one signs in.
  await here.goto("/dashboard");
  await expect(here.getByRole("heading", { level: 1, name: "My risk" })).toBeVisible();
  await expect(await refusalOf(elsewhere, nina.email, "first own password")).toHaveText(NOT_RIGHT);
  await signIn(elsewhere, nina.email, /\/dashboard$/, "second own password");
});

test("a reset password ends the person's sessions and must be replaced at the next sign-in", async ({
  browser,
}) => {
  const admin = await peopleScreen(browser);
  const nina = await addTrader(admin);
  const trader = await newPage(browser);
  await signIn(trader, nina.email, /\/account\/password$/, nina.password);
  await hydrated(trader);
  await changePassword(trader, nina.password, "a password soon forgotten");
  await expect(trader).toHaveURL(/\/dashboard$/);
  const polls = await holdPolls(trader);

  await admin.reload();
  await hydrated(admin);
  const row = rowOf(admin, nina.name);
  await row.getByRole("button", { name: `Reset password of ${nina.name}` }).click();
  await expect(row).toContainText(`Give ${nina.name} a temporary password?`);
  await row.getByRole("button", { name: "Reset password", exact: true }).click();
  const issued = admin.getByRole("region", { name: `Temporary password for ${nina.name}` });
  const temporary = await issued.getByLabel("Temporary password").inputValue();
  await expect(issued.getByLabel("Temporary password")).toBeFocused();

  await polls.releaseNext();
  await expect(trader).toHaveURL(/\/login\?next=%2Fdashboard&expired=1$/);
  await polls.stop();
  await signIn(trader, nina.email, /\/account\/password$/, temporary);
});

test("the people screen and the change-password page fit a phone's width", async ({ browser }) => {
  const admin = await peopleScreen(browser);
  await admin.setViewportSize({ width: 390, height: 844 });
  /** How far the page's content reaches past the screen's width (0: it fits). */
  const overflow = () =>
    admin.locator("main").evaluate((main) => main.scrollWidth - main.clientWidth);
  const table = admin.getByRole("table", { name: "People" });
  await expect(table.getByRole("row", { name: /Jonas Weber/ })).toBeVisible();
  expect(await overflow()).toBe(0);
  // Each person's actions are on the screen, not off its edge.
  const deactivate = table.getByRole("button", { name: "Deactivate Jonas Weber" });
  const box = await deactivate.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(390);
  await admin.goto("/account/password");
  await hydrated(admin);
  expect(await overflow()).toBe(0);
});
