import { computeRiskMetrics, type LimitType, type RiskMetrics } from "@repo/risk-engine";
import { describe, expect, it } from "vitest";
import { DEFAULT_DEMO_OPTIONS, type DemoData, generateDemoData } from "./generate.ts";

const data = generateDemoData();

function logReturns(symbol: string, tenantSlug = "northwind"): number[] {
  const tenant = data.tenants.find((t) => t.slug === tenantSlug);
  const instrument = data.instruments.find((i) => i.tenantId === tenant?.id && i.symbol === symbol);
  const closes = data.priceBars
    .filter((bar) => bar.instrumentId === instrument?.id)
    .map((bar) => Number(bar.close));
  return closes.slice(1).map((close, i) => Math.log(close / (closes[i] as number)));
}

function correlation(a: number[], b: number[]): number {
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const [ma, mb] = [mean(a), mean(b)];
  let cov = 0;
  let va = 0;
  let vb = 0;
  a.forEach((x, i) => {
    const y = b[i] as number;
    cov += (x - ma) * (y - mb);
    va += (x - ma) ** 2;
    vb += (y - mb) ** 2;
  });
  return cov / Math.sqrt(va * vb);
}

const closesByInstrument = new Map<string, number[]>();
for (const bar of data.priceBars) {
  const closes = closesByInstrument.get(bar.instrumentId) ?? [];
  closes.push(Number(bar.close));
  closesByInstrument.set(bar.instrumentId, closes);
}

/**
 * A trader's risk as the API computes it once the rows are seeded (packages/api
 * services/risk/compute-metrics.ts): the last lookbackDays + 1 closes of the held instruments
 * and RDX, the previous close being the last one.
 */
function riskOf(demo: DemoData, traderId: string): RiskMetrics {
  const profile = demo.profiles.find((p) => p.traderId === traderId);
  if (!profile) throw new Error(`no profile for ${traderId}`);
  const dayCount = profile.lookbackDays + 1;
  const positions = demo.positions.filter((p) => p.traderId === traderId);
  const tenantId = positions[0]?.tenantId;
  const instruments = demo.instruments.filter(
    (i) =>
      positions.some((p) => p.instrumentId === i.id) ||
      (i.tenantId === tenantId && i.symbol === "RDX"),
  );
  const closes = new Map(
    instruments.map((i) => [
      i.id as string,
      (closesByInstrument.get(i.id as string) ?? []).slice(-dayCount),
    ]),
  );
  const benchmark = closes.get(instruments.find((i) => i.symbol === "RDX")?.id as string) ?? [];
  return computeRiskMetrics({
    cash: Number(demo.accounts.find((a) => a.traderId === traderId)?.cash),
    positions: positions.map((p) => ({
      instrumentId: p.instrumentId,
      quantity: Number(p.quantity),
    })),
    instruments: instruments.map((i) => ({
      id: i.id as string,
      symbol: i.symbol,
      sector: i.sector,
      lastPrice: Number(i.lastPrice),
      previousClose: closes.get(i.id as string)?.at(-1) ?? Number.NaN,
    })),
    history: { days: benchmark.map((_, day) => String(day)), closes, benchmark },
    profile: {
      tolerance: profile.riskTolerance,
      confidence: Number(profile.varConfidence),
      lookbackDays: profile.lookbackDays,
      maxDrawdownTolerance: Number(profile.maxDrawdownTolerance),
    },
    limits: demo.limits
      .filter((l) => l.traderId === traderId)
      .map((l) => ({
        id: l.id as string,
        type: l.type,
        threshold: Number(l.threshold),
        severity: l.severity ?? "SOFT",
        symbol: l.symbol ?? null,
      })),
  });
}

/** The score each trader's story in traders.ts asks for, and the limit that sets it. */
const STORIES: Record<string, [RiskMetrics["score"]["status"], LimitType]> = {
  maya: ["OK", "MAX_VAR"],
  jonas: ["WARN", "MAX_GROSS_EXPOSURE"],
  priya: ["BREACH", "MAX_CONCENTRATION"],
  lucas: ["WARN", "MAX_LEVERAGE"],
  sofia: ["OK", "MAX_DRAWDOWN"],
  ethan: ["OK", "MAX_VAR"],
  aiko: ["WARN", "MAX_GROSS_EXPOSURE"],
  omar: ["BREACH", "MAX_CONCENTRATION"],
  grace: ["WARN", "MAX_LEVERAGE"],
  liam: ["OK", "MAX_DRAWDOWN"],
};

describe("demo data generator", () => {
  it("is deterministic: the same options give the same rows", () => {
    expect(generateDemoData()).toEqual(data);
  });

  it("builds two firms, each with an admin, five traders and the same 31 instruments", () => {
    expect(data.tenants).toHaveLength(2);
    for (const tenant of data.tenants) {
      const users = data.users.filter((u) => u.tenantId === tenant.id);
      expect(users.filter((u) => u.role === "ADMIN")).toHaveLength(1);
      expect(users.filter((u) => u.role === "TRADER")).toHaveLength(5);
      const instruments = data.instruments.filter((i) => i.tenantId === tenant.id);
      expect(instruments).toHaveLength(31);
      expect(new Set(instruments.map((i) => i.sector)).size).toBeGreaterThanOrEqual(6);
      expect(instruments.filter((i) => i.assetClass === "INDEX").map((i) => i.symbol)).toEqual([
        "RDX",
      ]);
    }
    const traders = data.users.filter((u) => u.role === "TRADER");
    for (const trader of traders) {
      expect(data.accounts.filter((a) => a.traderId === trader.id)).toHaveLength(1);
      expect(data.profiles.filter((p) => p.traderId === trader.id)).toHaveLength(1);
      expect(data.positions.filter((p) => p.traderId === trader.id).length).toBeGreaterThanOrEqual(
        5,
      );
      expect(data.limits.filter((l) => l.traderId === trader.id)).toHaveLength(8);
    }
  });

  it("has three years of weekday closes per instrument, ending on the chosen day, all positive", () => {
    const days = [
      ...new Set(data.priceBars.map((bar) => (bar.day as Date).toISOString().slice(0, 10))),
    ];
    expect(days).toHaveLength(DEFAULT_DEMO_OPTIONS.dayCount);
    expect(days.at(-1)).toBe(DEFAULT_DEMO_OPTIONS.endDay);
    expect(days[0]).toBe("2023-12-29");
    expect(days.every((day) => ![0, 6].includes(new Date(day).getUTCDay()))).toBe(true);
    expect(data.priceBars).toHaveLength(62 * DEFAULT_DEMO_OPTIONS.dayCount);
    expect(
      data.priceBars.every((bar) => Number(bar.close) > 0 && Number.isFinite(Number(bar.close))),
    ).toBe(true);
  });

  it("moves names of one sector together more than names of different sectors", () => {
    const sameSector = correlation(logReturns("NVX"), logReturns("CLDR"));
    const otherSector = correlation(logReturns("NVX"), logReturns("BRWS"));
    const withIndex = correlation(logReturns("NVX"), logReturns("RDX"));
    expect(sameSector).toBeGreaterThan(otherSector + 0.1);
    expect(otherSector).toBeGreaterThan(0);
    expect(withIndex).toBeGreaterThan(0.5);
  });

  it("scores every trader's book, through the risk engine, as the trader's story says", () => {
    const traders = data.users.filter((u) => u.role === "TRADER");
    const outcomes = Object.fromEntries(
      traders.map((trader) => {
        const { score, limits } = riskOf(data, trader.id as string);
        const top = limits.reduce((a, b) => (b.utilisation > a.utilisation ? b : a));
        // The sentence the dashboard shows names that same, most used, limit.
        expect(score.driver).toContain(`at ${Math.round(top.utilisation * 100)}% of limit`);
        return [trader.email.split("@")[0], [score.status, top.type]];
      }),
    );
    expect(outcomes).toEqual(STORIES);
  });

  it("seeds limits an admin can save unchanged: positive, and at most 1 for fractions of the book", () => {
    for (const limit of data.limits) {
      const threshold = Number(limit.threshold);
      expect(threshold).toBeGreaterThan(0);
      if (limit.type === "MAX_CONCENTRATION" || limit.type === "MAX_DRAWDOWN") {
        expect(threshold).toBeLessThanOrEqual(1);
      }
    }
  });

  it("holds short positions in the long/short books", () => {
    expect(data.positions.some((p) => Number(p.quantity) < 0)).toBe(true);
    expect(data.positions.every((p) => Number(p.quantity) !== 0)).toBe(true);
  });
});
