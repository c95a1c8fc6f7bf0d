import { expect, type Page } from "@playwright/test";
import pg from "pg";

export const DEMO_PASSWORD = "risk-demo-2026";

export const E2E_DATABASE_URL =
  process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/rd_e2e";

/** Signs in through the login form, as a person would, and waits for the landing page. */
export async function signIn(page: Page, email: string, landing: RegExp = /\/(dashboard|admin)$/) {
  if (!page.url().includes("/login")) await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(landing);
}

/** Runs SQL against the run's database: for what a spec must set up or check behind the UI. */
export async function sql<T extends object = Record<string, unknown>>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}
