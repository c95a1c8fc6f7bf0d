import { expect, type Page, test } from "@playwright/test";
import { hydrated } from "./support/hydration.ts";
import { DEMO_PASSWORD, signIn, sql } from "./support/session.ts";

const JONAS = "jonas@northwind.example.com";
const NOT_RIGHT = "The email or password is not right.";

/** Submits the sign-in form with `password` and returns the sentence it is answered with. */
async function tryPassword(page: Page, password: string): Promise<string> {
  await page.getByLabel("Password").fill(password);
  const answered = page.waitForResponse((response) => response.url().includes("auth.login"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await answered;
  return (await page.locator("form").getByRole("alert").textContent()) ?? "";
}

/**
 * Tries a wrong password until the answer is `expected`, as a person would once told to wait:
 * while sign-in is slowed down a try is refused unchecked and counts for nothing, so trying
 * again is what shows the pause is over.
 */
async function failUntil(page: Page, expected: string) {
  await expect(async () => {
    expect(await tryPassword(page, "not the password")).toBe(expected);
  }).toPass({ intervals: [1_000], timeout: 60_000 });
}

test("a trader locked out by failed sign-ins is unlocked by their admin and signs in", async ({
  page,
  browser,
}) => {
  const [jonas] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [JONAS]);
  if (!jonas) throw new Error(`no user ${JONAS}`);

  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(JONAS);
  expect(await tryPassword(page, "not the password")).toBe(NOT_RIGHT);
  expect(await tryPassword(page, "not the password")).toBe(NOT_RIGHT);
  expect(await tryPassword(page, "not the password")).toBe(
    `${NOT_RIGHT} Wait 5 seconds before trying again.`,
  );
  await failUntil(
    page,
    `${NOT_RIGHT} Wait 15 seconds before trying again. One more failed attempt will pause sign-in from here for 15 minutes.`,
  );
  await failUntil(page, `${NOT_RIGHT} Sign-in from here is now paused for 15 minutes.`);
  expect(await tryPassword(page, DEMO_PASSWORD)).toBe(
    "Sign-in from here is paused after too many failed attempts. Try again in 15 minutes, or ask your administrator to unlock your account.",
  );

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin@northwind.example.com", /\/admin$/);
  await admin.goto(`/admin/traders/${jonas.id}`);
  await hydrated(admin);
  const signInPanel = admin.getByRole("region", { name: "Sign-in" });
  await expect(signInPanel.getByTestId("sign-in-state")).toHaveText(
    /^Locked: sign-in is paused from 1 address until .+, after 5 failed sign-ins\.$/,
  );
  await signInPanel.getByRole("button", { name: "Unlock sign-in" }).click();
  await expect(signInPanel.getByRole("status")).toHaveText(
    "Unlocked: the trader can sign in again from anywhere.",
  );
  await expect(signInPanel.getByTestId("sign-in-state")).toHaveText(
    "Not locked: no failed sign-ins lately.",
  );
  const history = admin.getByRole("table", { name: "Audit history" });
  await expect(history.getByRole("row", { name: /Sign-in unlocked/ })).toContainText(
    "failed sign-ins 5 → 0",
  );

  // From the very address that was locked, with no wait.
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});
