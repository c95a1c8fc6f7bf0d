import { expect, type Page, test } from "@playwright/test";
import { hydrated } from "./support/hydration.ts";
import { signIn } from "./support/session.ts";

/** How many times the page asked the server to invalidate the firm's cache. */
function countInvalidations(page: Page) {
  const sent: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("admin.invalidateTenant")) sent.push(request.url());
  });
  return () => sent.length;
}

test("invalidating the firm's cache asks first: Keep does nothing, Invalidate does it", async ({
  page,
}) => {
  const invalidations = countInvalidations(page);
  await signIn(page, "admin@harbor.example.com", /\/admin$/);
  await page.goto("/admin/cache");
  await hydrated(page);
  const actions = page.getByRole("region", { name: "Actions", exact: true });
  const result = page.getByTestId("cache-action-result");

  await actions.getByRole("button", { name: "Invalidate tenant" }).click();
  await expect(actions).toContainText("Drop your firm's cached values on every server?");
  // The safe answer has the focus: Enter at the wrong moment keeps the cache.
  await expect(actions.getByRole("button", { name: "Keep" })).toBeFocused();
  await actions.getByRole("button", { name: "Keep" }).click();
  await expect(actions.getByRole("button", { name: "Invalidate tenant" })).toBeFocused();
  await expect(result).toHaveText("");
  expect(invalidations()).toBe(0);

  await actions.getByRole("button", { name: "Invalidate tenant" }).click();
  await actions.getByRole("button", { name: "Invalidate", exact: true }).click();
  await expect(result).toHaveText(/Dropped your firm's cached values on every server/);
  expect(invalidations()).toBe(1);
  await expect(actions.getByRole("button", { name: "Invalidate tenant" })).toBeVisible();
});
