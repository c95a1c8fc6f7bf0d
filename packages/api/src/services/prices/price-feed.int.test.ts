import { applyMigrations } from "@repo/db/migrations";
import { createTestDatabase } from "@repo/db/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { PRICE_FEED_LOCK_KEY, startPriceFeed, tickPrices } from "./price-feed.ts";
import { MAX_DRAW, stepVolatility, tickRandom } from "./price-step.ts";

const INTERVAL_MS = 3_000;
const SEED = 42;
const MAYA = "maya@northwind.example.com";

let fixture: ApiFixture;
beforeAll(async () => {
  fixture = await createApiFixture();
});
afterAll(() => fixture.close());

/** Time moves on only when a test says so; it starts after the demo data's last prices. */
let now = Date.parse("2026-11-23T14:30:00.000Z");
const later = (ms: number) => {
  now += ms;
  return new Date(now);
};

type Market = Map<string, { price: number; at: number }>;

async function market(): Promise<Market> {
  const rows = await fixture.deps.db.instrument.findMany({
    select: { id: true, lastPrice: true, lastPriceAt: true },
  });
  return new Map(
    rows.map((row) => [row.id, { price: row.lastPrice.toNumber(), at: row.lastPriceAt.getTime() }]),
  );
}

async function priceTicks(): Promise<Map<string, number>> {
  const tenants = await fixture.deps.db.tenant.findMany({ select: { id: true, priceTick: true } });
  return new Map(tenants.map((tenant) => [tenant.id, tenant.priceTick]));
}

async function restore(snapshot: Market) {
  const ids = [...snapshot.keys()];
  await fixture.deps.db.$executeRaw`
    UPDATE "Instrument" AS i SET "lastPrice" = s.price, "lastPriceAt" = s.at
    FROM unnest(${ids}::uuid[], ${ids.map((id) => String(snapshot.get(id)?.price))}::numeric[],
                ${ids.map((id) => new Date(snapshot.get(id)?.at ?? 0).toISOString())}::timestamp[])
      AS s(id, price, at)
    WHERE i.id = s.id`;
}

function tick(at: Date, seed = SEED) {
  return tickPrices({
    db: fixture.deps.db,
    clock: () => at,
    random: tickRandom(seed, Math.floor(at.getTime() / INTERVAL_MS)),
    intervalMs: INTERVAL_MS,
  });
}

describe("tickPrices", () => {
  it("moves every instrument of every tenant by a bounded step, keeping prices positive", async () => {
    const before = await market();
    const at = later(INTERVAL_MS);
    const tenantsBefore = await priceTicks();
    expect(await tick(at)).toEqual({
      status: "moved",
      instruments: before.size,
      tenants: expect.arrayContaining([...tenantsBefore.keys()]),
      at,
    });
    // Each tenant's tick moved by one with its prices.
    for (const [tenantId, priceTick] of await priceTicks()) {
      expect(priceTick).toBe((tenantsBefore.get(tenantId) ?? Number.NaN) + 1);
    }
    const after = await market();
    const volatility = stepVolatility(INTERVAL_MS);
    const [low, high] = [
      Math.exp(-MAX_DRAW * volatility - volatility ** 2),
      Math.exp(MAX_DRAW * volatility),
    ];
    for (const [id, { price }] of before) {
      const moved = after.get(id);
      expect(moved?.at).toBe(at.getTime());
      expect(moved?.price).toBeGreaterThan(0);
      expect(moved?.price).not.toBe(price);
      // 1e-6: the column's rounding.
      expect(moved?.price).toBeGreaterThanOrEqual(price * low - 1e-6);
      expect(moved?.price).toBeLessThanOrEqual(price * high + 1e-6);
    }
    const tenants = await fixture.deps.db.instrument.groupBy({ by: ["tenantId"], _count: true });
    expect(tenants.length).toBe(2);
  });

  it("moves the same prices to the same prices for the same seed and tick", async () => {
    const before = await market();
    const at = later(INTERVAL_MS);
    await tick(at);
    const first = await market();
    await restore(before);
    await tick(at);
    expect(await market()).toEqual(first);
    await restore(before);
    await tick(at, SEED + 1);
    expect(await market()).not.toEqual(first);
  });

  it("is a no-op when another instance ticked less than an interval ago", async () => {
    expect((await tick(later(INTERVAL_MS))).status).toBe("moved");
    const ticked = await market();
    // Another instance, out of phase by half an interval, with a different seed.
    expect(await tick(later(INTERVAL_MS / 2), SEED + 7)).toEqual({
      status: "skipped",
      reason: "recent",
    });
    expect(await market()).toEqual(ticked);
    // A full interval after the last move, the next tick moves again.
    expect((await tick(later(INTERVAL_MS / 2))).status).toBe("moved");
  });

  it("skips while another instance's tick holds the lock", async () => {
    const before = await market();
    const at = later(INTERVAL_MS);
    // The other instance: a transaction on another connection, holding the lock of its tick.
    const skipped = await fixture.deps.db.$transaction(async (other) => {
      await other.$queryRaw`SELECT pg_advisory_xact_lock(${PRICE_FEED_LOCK_KEY}::bigint)::text`;
      return tick(at);
    });
    expect(skipped).toEqual({ status: "skipped", reason: "busy" });
    expect(await market()).toEqual(before);
  });

  it("moves the market once when two instances tick at the same moment", async () => {
    const at = later(INTERVAL_MS);
    const results = await Promise.all([tick(at), tick(at, SEED + 3)]);
    expect(results.map((result) => result.status).sort()).toEqual(["moved", "skipped"]);
  });

  it("reaches the next risk.dashboard read on every instance, valued at the new tick", async () => {
    const maya = await fixture.callerAs(MAYA);
    const before = await maya.risk.dashboard();
    // The same reads again are served from the cache, at the same tick.
    const cached = await maya.risk.dashboard();
    expect(cached.freshness.source).not.toBe("computed");
    expect(cached.tick).toBe(before.tick);

    // One move of the feed as a server runs it: the tick, then every instance's market dropped.
    const stop = startPriceFeed({
      db: fixture.deps.db,
      cache: fixture.deps.cache,
      clock: () => later(INTERVAL_MS),
      intervalMs: INTERVAL_MS,
      seed: SEED,
    });
    // It ticks at once; stopping waits for that tick, and the next is an interval away.
    await stop();

    const book = await fixture.deps.db.user.findFirstOrThrow({
      where: { email: MAYA },
      select: {
        account: { select: { cash: true } },
        positions: {
          where: { closedAt: null },
          select: { quantity: true, instrument: { select: { lastPrice: true } } },
        },
      },
    });
    const nav = book.positions.reduce(
      (sum, p) => sum + p.quantity.toNumber() * p.instrument.lastPrice.toNumber(),
      book.account?.cash.toNumber() ?? 0,
    );
    expect(nav).not.toBeCloseTo(before.metrics.nav, 2);
    // No TTL to wait for: the first read after the move values the book at the new prices.
    const after = await maya.risk.dashboard();
    expect(after.tick).toBe(before.tick + 1);
    expect(after.freshness.source).toBe("computed");
    expect(after.metrics.nav).toBeCloseTo(nav, 4);
  });
});

describe("startPriceFeed", () => {
  it("logs a failing tick, keeps ticking, and says so when ticks succeed again", async () => {
    // A database without its tables: every tick fails until the migrations run.
    const database = await createTestDatabase({ migrate: false });
    const lines: string[] = [];
    const stop = startPriceFeed({
      db: database.db,
      cache: fixture.deps.cache,
      intervalMs: 20,
      seed: SEED,
      log: (line) => lines.push(line),
    });
    try {
      // Ticks come every 20 ms; the bounds are for a feed that stopped, not for its speed.
      await vi.waitFor(() => expect(lines[0]).toMatch(/^price feed: tick failed: /), {
        timeout: 30_000,
      });
      await applyMigrations(database.url);
      await vi.waitFor(
        () => expect(lines.at(-1)).toMatch(/^price feed: ticking again after \d+ failed tick/),
        { timeout: 30_000 },
      );
      // The same failure, tick after tick, is one line, not one a tick (a tick during the
      // migrations may fail differently: that is a line of its own).
      expect(lines.filter((line) => line === lines[0])).toHaveLength(1);
      expect(new Set(lines).size).toBe(lines.length);
    } finally {
      await stop();
      await database.drop();
    }
  });
});
