import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { callerWith } from "../../testing/caller-with.ts";
import { setLastPrices } from "./set-last-prices.ts";

let fixture: ApiFixture;
beforeAll(async () => {
  fixture = await createApiFixture();
});
afterAll(() => fixture.close());

const ETHAN = "ethan@harbor.example.com";

async function tenantOf(email: string) {
  const user = await fixture.database.db.user.findUniqueOrThrow({
    where: { email },
    select: { tenantId: true },
  });
  return user.tenantId;
}

async function ticks() {
  const tenants = await fixture.database.db.tenant.findMany({
    select: { id: true, priceTick: true },
  });
  return new Map(tenants.map((tenant) => [tenant.id, tenant.priceTick]));
}

describe("setLastPrices", () => {
  it("reaches the next valuation on every instance, at the tenant's next tick only", async () => {
    const harbor = await tenantOf(ETHAN);
    const here = await fixture.callerAs(ETHAN);
    const elsewhere = await callerWith(fixture, ETHAN, { cache: await fixture.otherInstance() });
    const before = await here.risk.dashboard();
    // Cached on both instances at this tick.
    expect((await elsewhere.risk.dashboard()).tick).toBe(before.tick);
    expect((await here.risk.dashboard()).freshness.source).toBe("memory");
    const ticksBefore = await ticks();

    // Every holding's price up 10 %: the book's market value goes up 10 %, cash stays.
    const prices = before.metrics.holdings.map((holding) => ({
      instrumentId: holding.instrumentId,
      price: holding.price * 1.1,
    }));
    const at = new Date();
    const tick = await setLastPrices(fixture.deps, harbor, prices, at);
    expect(tick).toBe(before.tick + 1);
    for (const [tenantId, priceTick] of await ticks()) {
      expect(priceTick).toBe((ticksBefore.get(tenantId) ?? 0) + (tenantId === harbor ? 1 : 0));
    }

    for (const caller of [elsewhere, here]) {
      const after = await caller.risk.dashboard();
      expect(after.tick).toBe(tick);
      expect(after.pricesAsOf?.getTime()).toBe(at.getTime());
      expect(after.metrics.marketValue).toBeCloseTo(before.metrics.marketValue * 1.1, 4);
      expect(after.metrics.cash).toBe(before.metrics.cash);
    }
  });

  it("refuses a price that is not a positive number, or not the firm's, and changes nothing", async () => {
    const harbor = await tenantOf(ETHAN);
    const [instrument] = await fixture.database.db.instrument.findMany({
      where: { tenantId: harbor },
      take: 1,
    });
    if (!instrument) throw new Error("the demo data gives Harbor instruments");
    const ticksBefore = await ticks();
    for (const price of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(
        setLastPrices(fixture.deps, harbor, [{ instrumentId: instrument.id, price }], new Date()),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    // Another firm's instrument, or one that does not exist, beside a good price: all refused.
    const other = await fixture.database.db.instrument.findFirstOrThrow({
      where: { tenantId: { not: harbor } },
    });
    for (const stranger of [other.id, "00000000-0000-4000-8000-000000000000"]) {
      const move = [
        { instrumentId: instrument.id, price: 123 },
        { instrumentId: stranger, price: 123 },
      ];
      await expect(setLastPrices(fixture.deps, harbor, move, new Date())).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: "Every price must be for one of the firm's instruments.",
      });
    }
    const otherAfter = await fixture.database.db.instrument.findUniqueOrThrow({
      where: { id: other.id },
    });
    expect(otherAfter.lastPrice.toString()).toBe(other.lastPrice.toString());
    expect(await ticks()).toEqual(ticksBefore);
    const unchanged = await fixture.database.db.instrument.findUniqueOrThrow({
      where: { id: instrument.id },
    });
    expect(unchanged.lastPrice.toString()).toBe(instrument.lastPrice.toString());
  });
});
