import { expect, test } from "@playwright/test";
import { signIn } from "./support/session.ts";

// A zone far from the server's UTC: the times on screen must be in it, and say so.
test.use({ timezoneId: "Asia/Tokyo" });

test("times are shown in the viewer's zone, named, with no hydration mismatch", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await signIn(page, "jonas@northwind.example.com", /\/dashboard$/);
  // Signing in moves to the dashboard in the browser: load it whole, so the server renders it and
  // the browser hydrates it.
  await page.goto("/dashboard");

  // "Prices of 7 Dec 2026, 04:44:00 GMT+9": Tokyo's time, its zone named (Chromium's ICU may
  // name it JST).
  const pricesAsOf = page.getByTestId("prices-as-of");
  await expect(pricesAsOf).toHaveText(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2}:\d{2} (GMT\+9|JST)$/);
  // Jonas's seeded alert says when it was raised, in the same zone.
  await expect(page.getByRole("list", { name: "Open alerts" })).toContainText(
    /raised \d{1,2} \w{3} \d{4}, \d{2}:\d{2}:\d{2} (GMT\+9|JST)/,
  );
  // React reports a server render the browser's first render disagrees with as an error
  // (minified #418 in a production build).
  expect(errors.filter((text) => /hydrat|#418|#423|#425/i.test(text))).toEqual([]);
});
