import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { hydrated } from "./hydration.ts";

/** One of the repository's example files, which the README shows: specs import them as they are. */
export const exampleFile = (name: string) =>
  readFileSync(new URL(`../../../../examples/imports/${name}`, import.meta.url), "utf8");

/** The admin on the import screen, reached from the nav. */
export async function openImportScreen(admin: Page) {
  await admin
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Import" })
    .click();
  await expect(admin).toHaveURL(/\/admin\/imports$/);
  await hydrated(admin);
}

/** Chooses the kind and a file made in the test, as a person picking one from disk would. */
export async function chooseFile(page: Page, kind: string, name: string, text: string) {
  await page.getByRole("radio", { name: new RegExp(`^${kind}`) }).check();
  await page.getByLabel("CSV file").setInputFiles({
    name,
    mimeType: "text/csv",
    buffer: Buffer.from(text, "utf8"),
  });
}

/** The report's figure under `label` ("Will create", "Invalid rows", …). */
export const reportCount = (page: Page, label: string) =>
  page
    .locator(".import-counts > div")
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator("dd");
