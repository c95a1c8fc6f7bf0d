import type { Db } from "@repo/db";
import type { Random } from "@repo/db/demo";
import type { ApiCache } from "../../cache-policy.ts";
import { type Clock, systemClock } from "../../clock.ts";
import { invalidateMarkets } from "./market.ts";
import { nextPrice, stepVolatility, tickRandom } from "./price-step.ts";
import { writePriceMove } from "./write-price-move.ts";

/**
 * The key of the transaction-scoped advisory lock a tick holds. Any constant would do; this one
 * spells "rdpxfeed" so that it is recognisable in pg_locks.
 */
export const PRICE_FEED_LOCK_KEY = 0x7264_7078_6665_6564n;

/**
 * Timers may fire a few milliseconds early, so a tick counts as recent for 90% of an interval:
 * an instance's own next tick is never mistaken for another instance's.
 */
const TIMER_TOLERANCE = 0.1;

/**
 * A last tick stamped this far in the future comes from an instance whose clock runs ahead; it
 * counts as recent (that instance is ticking), but not forever, so one bad row cannot stop the feed.
 */
const MAX_CLOCK_SKEW_MS = 60_000;

export interface PriceTickDeps {
  db: Db;
  clock: Clock;
  random: Random;
  /** The feed's interval: the volatility of one step, and how long a tick counts as recent. */
  intervalMs: number;
}

export type PriceTick =
  /** tenants: the tenants whose prices moved, each of whose priceTick went up by one. */
  | { status: "moved"; instruments: number; tenants: string[]; at: Date }
  /** busy: another instance is ticking now; recent: one ticked less than an interval ago. */
  | { status: "skipped"; reason: "busy" | "recent" };

function isRecent(lastTick: Date | null, now: Date, intervalMs: number): boolean {
  if (!lastTick) return false;
  const elapsed = now.getTime() - lastTick.getTime();
  return elapsed > -MAX_CLOCK_SKEW_MS && elapsed < intervalMs * (1 - TIMER_TOLERANCE);
}

/**
 * Moves the last price of every instrument of every tenant one random step and stamps it with
 * the clock's time. The feed is the market, not a user, so it is the one writer that crosses
 * tenants.
 *
 * Several app instances may run the feed against one database. Each tick runs in a transaction
 * that first takes pg_try_advisory_xact_lock, then skips when the newest lastPriceAt is less
 * than an interval old. The lock makes the read-modify-write of all prices one atomic step (a
 * conditional UPDATE guarded on lastPriceAt would guard each row on its own, so two instances
 * could each move part of the market, from prices the other had just replaced); the try- form
 * means a second instance skips instead of queueing behind the first; the lock goes with the
 * transaction, even when a connection dies mid-tick. The lastPriceAt check then turns the tick
 * of an instance running out of phase into a no-op, so N instances move prices once an
 * interval, not N times. Each moved tenant's priceTick goes up in the same transaction: the
 * tick a valuation is cached under (services/risk/get-metrics.ts).
 */
export async function tickPrices({ db, clock, random, intervalMs }: PriceTickDeps) {
  const at = clock();
  return db.$transaction(async (tx): Promise<PriceTick> => {
    const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
      SELECT pg_try_advisory_xact_lock(${PRICE_FEED_LOCK_KEY}::bigint) AS locked`;
    if (!lock?.locked) return { status: "skipped", reason: "busy" };
    const latest = await tx.instrument.aggregate({ _max: { lastPriceAt: true } });
    if (isRecent(latest._max.lastPriceAt, at, intervalMs)) {
      return { status: "skipped", reason: "recent" };
    }
    // A stable order, so the same draws go to the same instruments for a given seed and tick.
    // An instrument imported without a price yet (0) waits for its closes, not a random walk.
    const instruments = await tx.instrument.findMany({
      where: { lastPrice: { gt: 0 } },
      select: { id: true, lastPrice: true },
      orderBy: { id: "asc" },
    });
    const volatility = stepVolatility(intervalMs);
    const prices = instruments.map((instrument) =>
      nextPrice(instrument.lastPrice.toNumber(), random.normal(), volatility).toFixed(6),
    );
    // One statement for the whole market rather than a round trip per instrument.
    const moved = await writePriceMove(tx, {
      instrumentIds: instruments.map((i) => i.id),
      prices,
      at,
    });
    return {
      status: "moved",
      instruments: moved.instruments,
      tenants: moved.tenants.map((tenant) => tenant.id),
      at,
    };
  });
}

export interface PriceFeedOptions {
  db: Db;
  /** Every instance's copy of a moved tenant's market is dropped through it after each move. */
  cache: ApiCache;
  clock?: Clock;
  intervalMs: number;
  /** Every instance should use the same seed: they then agree on each tick's moves. */
  seed: number;
  log?: (line: string) => void;
}

function errorMessage(error: unknown): string {
  return error instanceof Error
    ? error.message.trim().split("\n").at(-1) || error.name
    : String(error);
}

/**
 * Ticks now and then every `intervalMs` until the returned stop() is called (stop waits for a
 * tick in flight). A failing tick — the database briefly down — is logged and the next one runs
 * as usual; a run of identical failures is logged once, and the recovery after it.
 */
export function startPriceFeed({
  db,
  cache,
  clock = systemClock,
  intervalMs,
  seed,
  log = (line) => console.error(line),
}: PriceFeedOptions): () => Promise<void> {
  let inFlight: Promise<void> | null = null;
  let failures = 0;
  let lastFailure = "";

  const tick = () => {
    // A tick slower than the interval is not overtaken by the next one.
    if (inFlight) return;
    const at = clock();
    const random = tickRandom(seed, Math.floor(at.getTime() / intervalMs));
    inFlight = tickPrices({ db, clock: () => at, random, intervalMs })
      .then(async (moved) => {
        if (moved.status === "moved") await invalidateMarkets(cache, moved.tenants);
        if (failures > 0) log(`price feed: ticking again after ${failures} failed tick(s)`);
        failures = 0;
        lastFailure = "";
      })
      .catch((error: unknown) => {
        failures++;
        const message = errorMessage(error);
        if (message !== lastFailure) log(`price feed: tick failed: ${message}`);
        lastFailure = message;
      })
      .finally(() => {
        inFlight = null;
      });
  };

  tick();
  const timer = setInterval(tick, intervalMs);
  // The feed never keeps a process alive on its own.
  timer.unref();
  return async () => {
    clearInterval(timer);
    await inFlight;
  };
}
