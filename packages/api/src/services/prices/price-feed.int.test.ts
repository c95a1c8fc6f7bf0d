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
  // A 1 s metrics TTL, so the test can wait for the cached metrics to expire.
  fixture = await createApiFixture({ kinds: { metrics: { ttlSeconds: 1 } } });
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
    expect(await tick(at)).toEqual({ status: "moved", instruments: before.size, at });
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

  it("reaches risk.metrics once the cached metrics expire", async () => {
    const maya = await fixture.callerAs(MAYA);
    const cached = await maya.risk.metrics();
    expect((await tick(later(INTERVAL_MS))).status).toBe("moved");

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
    expect(nav).not.toBeCloseTo(cached.metrics.nav, 2);

    // Within the TTL the cached NAV is served (no invalidation: the TTL is the contract) …
    // … and once it has passed, the next read values the book at the new prices. The bound is
    // for a broken cache only: a second of TTL and one computation, however loaded the machine.
    await vi.waitFor(
      async () => {
        const fresh = await maya.risk.metrics();
        expect(fresh.freshness.source).toBe("computed");
        expect(fresh.metrics.nav).toBeCloseTo(nav, 4);
      },
      { timeout: 30_000, interval: 100 },
    );
  });
});

describe("startPriceFeed", () => {
  it("logs a failing tick, keeps ticking, and says so when ticks succeed again", async () => {
    // A database without its tables: every tick fails until the migrations run.
    const database = await createTestDatabase({ migrate: false });
    const lines: string[] = [];
    const stop = startPriceFeed({
      db: database.db,
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
      // The same failure, tick after tick, is one line, not one a tick.
      expect(lines).toHaveLength(2);
    } finally {
      await stop();
      await database.drop();
    }
  });
});
