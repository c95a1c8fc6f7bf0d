import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";

let fixture: ApiFixture;
beforeAll(async () => {
  fixture = await createApiFixture();
});
afterAll(() => fixture.close());

/** The instruments Maya holds, in symbol order. */
async function mayasHoldings() {
  const { db } = fixture.database;
  const maya = await db.user.findUniqueOrThrow({ where: { email: "maya@northwind.example.com" } });
  const positions = await db.position.findMany({
    where: { traderId: maya.id, closedAt: null },
    select: { instrument: { select: { id: true, symbol: true } } },
    orderBy: { instrument: { symbol: "asc" } },
  });
  return { tenantId: maya.tenantId, instruments: positions.map((p) => p.instrument) };
}

/** Deletes an instrument's closes on the given days, counted back from its latest. */
async function dropCloses(instrumentId: string, fromLatest: number[]) {
  const { db } = fixture.database;
  const bars = await db.priceBar.findMany({
    where: { instrumentId },
    orderBy: { day: "desc" },
    take: Math.max(...fromLatest) + 1,
    select: { day: true },
  });
  const days = fromLatest.map((back) => bars[back]?.day as Date);
  await db.priceBar.deleteMany({ where: { instrumentId, day: { in: days } } });
}

describe("risk.dashboard says what its numbers rest on", () => {
  it("reports nothing on the demo's complete data", async () => {
    const maya = await fixture.callerAs("maya@northwind.example.com");
    const { metrics } = await maya.risk.dashboard();
    expect(metrics.dataQuality).toEqual({
      days: metrics.dataQuality.lookbackDays,
      lookbackDays: 250,
      carriedForward: [],
      stale: [],
      shortHistory: [],
      noPreviousClose: [],
      navNonPositive: false,
    });
  });

  it("carries a close over a hole, flags a run past five days as stale, and keeps every day", async () => {
    const { tenantId, instruments } = await mayasHoldings();
    const [holed, stopped] = instruments;
    if (!holed || !stopped) throw new Error("Maya holds at least two instruments");
    await dropCloses(holed.id, [10, 11, 12]);
    await dropCloses(stopped.id, [0, 1, 2, 3, 4, 5, 6]);
    // As an import of closes will: what it changed is dropped from the cache.
    await fixture.deps.cache.invalidateTenant(tenantId);

    const maya = await fixture.callerAs("maya@northwind.example.com");
    const { metrics } = await maya.risk.dashboard();
    expect(metrics.dataQuality.carriedForward).toEqual([{ symbol: holed.symbol, days: 3 }]);
    expect(metrics.dataQuality.stale).toEqual([{ symbol: stopped.symbol, longestRun: 7 }]);
    // Carried days still count as days: the window is as long as the profile asks.
    expect(metrics.dataQuality.days).toBe(250);
    expect(metrics.dataQuality.shortHistory).toEqual([]);
    // The stopped instrument still has a previous close: its last one, carried.
    expect(metrics.dataQuality.noPreviousClose).toEqual([]);
  });
});
