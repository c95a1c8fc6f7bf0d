import { expect, test } from "@playwright/test";
import { holdPolls } from "./support/polls.ts";
import { priceSource } from "./support/price-source.ts";
import { signIn } from "./support/session.ts";

// Harbor's figures are checked by no other spec, so its prices may move here.
const TRADER = "ethan@harbor.example.com";

test("the dashboard's numbers move with the prices at every poll", async ({ page }) => {
  const source = await priceSource();
  try {
    await signIn(page, TRADER, /\/dashboard$/);
    const nav = page.getByRole("region", { name: "Net asset value" }).locator(".value");
    const tick = page.getByTestId("price-tick");
    await expect(tick).toHaveText(/^\d[\d,]*$/);
    // From here the page's polls wait at the network until the test lets one through, so each
    // poll reaches the server after exactly one move of the prices.
    const polls = await holdPolls(page);
    for (const factor of [1.01, 0.98, 1.03]) {
      const before = await nav.textContent();
      const moved = await source.move("harbor", factor);
      await polls.releaseNext("risk.dashboard");
      // The poll right after the move shows it: the new tick and a new net asset value.
      await expect(tick).toHaveText(moved.toLocaleString("en-US"));
      await expect(nav).not.toHaveText(before ?? "");
    }
    await polls.stop();
  } finally {
    await source.close();
  }
});
