import { expect, test } from "@playwright/test";
import { priceSource } from "./support/price-source.ts";
import { signIn, sql } from "./support/session.ts";

// Harbor's figures are checked by no other spec, so its closes may have holes here.
const TRADER = "ethan@harbor.example.com";

/** Ethan's instruments, in symbol order. */
async function ethansInstruments() {
  return sql<{ id: string; symbol: string }>(
    `SELECT DISTINCT i.id, i.symbol FROM "Position" p
     JOIN "Instrument" i ON i.id = p."instrumentId"
     JOIN "User" u ON u.id = p."traderId"
     WHERE u.email = $1 AND p."closedAt" IS NULL ORDER BY i.symbol`,
    [TRADER],
  );
}

/** Deletes an instrument's closes on its latest days, `skip` days back from the latest. */
async function dropCloses(instrumentId: string, skip: number, count: number) {
  await sql(
    `DELETE FROM "PriceBar" WHERE ("instrumentId", day) IN (
       SELECT "instrumentId", day FROM "PriceBar" WHERE "instrumentId" = $1
       ORDER BY day DESC OFFSET $2 LIMIT $3)`,
    [instrumentId, skip, count],
  );
}

test("a book with holes in its prices says so beside the numbers", async ({ page }) => {
  const [holed, stopped] = await ethansInstruments();
  if (!holed || !stopped) throw new Error("Ethan holds at least two instruments");
  await signIn(page, TRADER, /\/dashboard$/);
  const note = page.getByRole("region", { name: "What these numbers rest on" });
  await expect(page.getByRole("region", { name: "Net asset value" })).toBeVisible();
  await expect(note).toHaveCount(0);

  await dropCloses(holed.id, 10, 3);
  await dropCloses(stopped.id, 0, 7);
  // The next move of the prices reads the market again, with the closes' new versions.
  const source = await priceSource();
  try {
    await source.move("harbor", 1);
  } finally {
    await source.close();
  }

  await expect(note).toContainText(
    `Last close carried over days without one: ${holed.symbol} (3 days).`,
  );
  await expect(note).toContainText(`Stale prices: ${stopped.symbol} (7 days without a close).`);
});
