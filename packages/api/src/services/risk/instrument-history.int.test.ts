import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../clock.ts";
import { tenantDb } from "../../data/tenant-db.ts";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { getMetrics } from "./get-metrics.ts";
import { CACHED_CLOSES, readInstrumentHistory } from "./instrument-history.ts";
import { BENCHMARK_SYMBOL, loadHistory } from "./load-history.ts";

let fixture: ApiFixture;
beforeAll(async () => {
  fixture = await createApiFixture();
});
afterAll(() => fixture.close());

async function traderOf(email: string) {
  const user = await fixture.database.db.user.findUniqueOrThrow({ where: { email } });
  const subject = { tenantId: user.tenantId, userId: user.id };
  const deps = {
    db: tenantDb(fixture.deps.db, user.tenantId),
    cache: fixture.deps.cache,
    clock: systemClock,
  };
  return { subject, deps };
}

async function heldInstruments(traderId: string) {
  const positions = await fixture.database.db.position.findMany({
    where: { traderId, closedAt: null },
    select: { instrument: { select: { id: true, historyVersion: true } } },
  });
  return [...new Map(positions.map(({ instrument }) => [instrument.id, instrument])).values()];
}

const historyComputations = async () =>
  (await fixture.deps.cache.snapshot()).kinds.history.computations;

describe("instrument history", () => {
  it("is loaded once per instrument, whichever books hold it", async () => {
    const maya = await traderOf("maya@northwind.example.com");
    const jonas = await traderOf("jonas@northwind.example.com");
    const mayaHolds = await heldInstruments(maya.subject.userId);
    const jonasHolds = await heldInstruments(jonas.subject.userId);
    const shared = jonasHolds.filter(({ id }) => mayaHolds.some((held) => held.id === id));
    expect(shared.length).toBeGreaterThan(0);

    const before = await historyComputations();
    await getMetrics(maya.deps, maya.subject);
    // Maya's instruments and the benchmark.
    expect((await historyComputations()) - before).toBe(mayaHolds.length + 1);
    await getMetrics(jonas.deps, jonas.subject);
    // Only what Jonas holds and Maya does not.
    expect((await historyComputations()) - before).toBe(
      mayaHolds.length + 1 + jonasHolds.length - shared.length,
    );
  });

  it("gives every lookback the same days and closes as reading each instrument's own last closes", async () => {
    const { subject, deps } = await traderOf("priya@northwind.example.com");
    const instruments = await heldInstruments(subject.userId);
    const benchmark = await deps.db.instrument.findFirstOrThrow({
      where: { symbol: BENCHMARK_SYMBOL },
      select: { id: true, historyVersion: true },
    });
    for (const dayCount of [21, 253, CACHED_CLOSES]) {
      const assembled = await loadHistory(deps, subject.tenantId, instruments, benchmark, dayCount);
      // The reference: each instrument's own last `dayCount` closes, put on the union of days.
      const ids = [...instruments.map(({ id }) => id), benchmark.id];
      const bars = await fixture.database.db.$queryRaw<
        { instrumentId: string; day: string; close: number }[]
      >`
        SELECT ranked."instrumentId", to_char(ranked.day, 'YYYY-MM-DD') AS day, ranked.close::float8 AS close
        FROM (
          SELECT b.*, row_number() OVER (PARTITION BY b."instrumentId" ORDER BY b.day DESC) AS age
          FROM "PriceBar" b WHERE b."instrumentId" = ANY(${ids}::uuid[])
        ) ranked
        WHERE ranked.age <= ${dayCount}`;
      const days = [...new Set(bars.map((bar) => bar.day))].sort().slice(-dayCount);
      expect(assembled.days).toEqual(days);
      for (const id of ids) {
        const expected = days.map(
          (day) =>
            bars.find((bar) => bar.instrumentId === id && bar.day === day)?.close ?? Number.NaN,
        );
        expect(Array.from(assembled.closes.get(id) ?? [])).toEqual(expected);
      }
      expect(Array.from(assembled.benchmark ?? [])).toEqual(
        Array.from(assembled.closes.get(benchmark.id) ?? []),
      );
    }
  });

  it("is read afresh after any change to the instrument's price bars, which bumps its version once per statement", async () => {
    const { subject, deps } = await traderOf("lucas@northwind.example.com");
    const [instrument] = await heldInstruments(subject.userId);
    if (!instrument) throw new Error("Lucas holds nothing");
    const other = await deps.db.instrument.findFirstOrThrow({
      where: { id: { not: instrument.id } },
      select: { id: true, historyVersion: true },
    });
    const before = await readInstrumentHistory(deps, subject.tenantId, instrument);
    const lastDay = new Date(`${before.days.at(-1)}T00:00:00Z`);
    const newDays = [1, 2, 3].map((n) => new Date(lastDay.getTime() + n * 86_400_000));

    await fixture.database.db.priceBar.createMany({
      data: newDays.map((day, n) => ({
        tenantId: subject.tenantId,
        instrumentId: instrument.id,
        day,
        close: 100 + n,
      })),
    });
    const versionOf = (id: string) =>
      deps.db.instrument.findUniqueOrThrow({
        where: { id },
        select: { id: true, historyVersion: true },
      });
    const bumped = await versionOf(instrument.id);
    expect(bumped.historyVersion).toBe(instrument.historyVersion + 1);
    expect((await versionOf(other.id)).historyVersion).toBe(other.historyVersion);

    // The old version's entry is still cached and unchanged; the new version reads the new closes.
    expect(await readInstrumentHistory(deps, subject.tenantId, instrument)).toEqual(before);
    const after = await readInstrumentHistory(deps, subject.tenantId, bumped);
    expect(after.days.slice(-3)).toEqual(newDays.map((day) => day.toISOString().slice(0, 10)));
    expect(after.closes.slice(-3)).toEqual([100, 101, 102]);
    expect(after.days).toHaveLength(CACHED_CLOSES);

    await fixture.database.db.priceBar.updateMany({
      where: { instrumentId: instrument.id, day: { in: newDays } },
      data: { close: 99 },
    });
    await fixture.database.db.priceBar.deleteMany({
      where: { instrumentId: instrument.id, day: { in: newDays } },
    });
    expect((await versionOf(instrument.id)).historyVersion).toBe(instrument.historyVersion + 3);
  });
});
