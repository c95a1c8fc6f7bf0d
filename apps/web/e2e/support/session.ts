import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { hydrated } from "./hydration.ts";
import { currentRun } from "./run.ts";

export const DEMO_PASSWORD = "risk-demo-2026";

/**
 * Signs in through the login form, as a person would, and waits for the landing page; with the
 * demo password unless the spec's own user has another.
 */
export async function signIn(
  page: Page,
  email: string,
  landing: RegExp = /\/(dashboard|admin)$/,
  password = DEMO_PASSWORD,
) {
  if (!page.url().includes("/login")) await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(landing);
}

/** Runs SQL against the run's database: for what a spec must set up or check behind the UI. */
export async function sql<T extends object = Record<string, unknown>>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: currentRun().databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}
