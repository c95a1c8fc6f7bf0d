import { expect, type Page, test } from "@playwright/test";
import { seriousViolations } from "./support/axe.ts";
import { hydrated } from "./support/hydration.ts";
import { signIn } from "./support/session.ts";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver.ts";

// Harbor's admin: the widths spec saves a webhook for Northwind, which this spec must not find.
const ADMIN = "admin@harbor.example.com";

let receiver: WebhookReceiver;
test.beforeAll(async () => {
  // The secret is not known until the admin saves the URL; set from the page below.
  receiver = await startWebhookReceiver("whsec_cGxhY2Vob2xkZXI=");
});
test.afterAll(async () => {
  await receiver?.stop();
});

/** The admin on the alerts-out screen, reached from the nav. */
async function alertsOut(page: Page) {
  await signIn(page, ADMIN, /\/admin$/);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Alerts out" })
    .click();
  await expect(page).toHaveURL(/\/admin\/alerts-out$/);
  await hydrated(page);
}

test("an admin points alerts at a webhook, tests it, and rotates its secret", async ({ page }) => {
  await alertsOut(page);
  const webhook = page.getByRole("region", { name: "Webhook" });
  const url = webhook.getByRole("textbox", { name: "URL" });

  // Not https, not this machine: refused under the field, nothing saved.
  await url.fill("http://hooks.example.com/risk");
  await webhook.getByRole("button", { name: "Save URL" }).click();
  await expect(webhook.getByText("The URL must start with https://.")).toBeVisible();
  await expect(webhook.getByRole("button", { name: "Send a test event" })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  await url.fill(receiver.url);
  await webhook.getByRole("button", { name: "Save URL" }).click();
  const secret = webhook.locator("code.secret");
  await expect(secret).toHaveText(/^whsec_/);
  const first = (await secret.textContent()) ?? "";
  receiver.setSecret(first);

  await webhook.getByRole("button", { name: "Send a test event" }).click();
  await expect(webhook.getByText("Delivered: the receiver answered 204.")).toBeVisible();
  expect(receiver.posts.at(-1)?.type).toBe("alert.test");

  // Rotated: the receiver still holding the old secret refuses the next event.
  await webhook.getByRole("button", { name: "Rotate secret" }).click();
  await webhook.getByRole("button", { name: "Rotate", exact: true }).click();
  await expect(secret).not.toHaveText(first);
  await webhook.getByRole("button", { name: "Send a test event" }).click();
  await expect(webhook.getByText("Not delivered: Answered 400.")).toBeVisible();

  receiver.setSecret((await secret.textContent()) ?? "");
  await webhook.getByRole("button", { name: "Send a test event" }).click();
  await expect(webhook.getByText("Delivered: the receiver answered 204.")).toBeVisible();

  // Email needs an SMTP server this run has not got: the setting says so.
  const email = page.getByRole("region", { name: "Email" });
  await expect(email.getByText("Email is not available")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Delivery history" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
