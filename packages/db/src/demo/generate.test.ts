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

/** measured / threshold for the exposure limits, from the generated rows alone. */
function exposureUtilisation(demo: DemoData, traderId: string) {
  const price = new Map(demo.instruments.map((i) => [i.id, Number(i.lastPrice)]));
  const notionals = demo.positions
    .filter((p) => p.traderId === traderId)
    .map((p) => Number(p.quantity) * (price.get(p.instrumentId) ?? Number.NaN));
  const gross = notionals.reduce((s, n) => s + Math.abs(n), 0);
  const net = notionals.reduce((s, n) => s + n, 0);
  const cash = Number(demo.accounts.find((a) => a.traderId === traderId)?.cash);
  const measured: Record<string, number> = {
    MAX_GROSS_EXPOSURE: gross,
    MAX_NET_EXPOSURE: Math.abs(net),
    MAX_LEVERAGE: gross / (cash + net),
    MAX_CONCENTRATION: Math.max(...notionals.map(Math.abs)) / gross,
  };
  return demo.limits
    .filter((l) => l.traderId === traderId && l.type in measured)
    .map((l) => (measured[l.type] as number) / Number(l.threshold));
}

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

  it("puts some traders of each firm near a limit (WARN) or over one (BREACH), and some inside all", () => {
    for (const tenant of data.tenants) {
      const traders = data.users.filter((u) => u.tenantId === tenant.id && u.role === "TRADER");
      const worst = traders.map((t) => Math.max(...exposureUtilisation(data, t.id as string)));
      expect(worst.some((u) => u >= 0.8 && u < 1)).toBe(true);
      expect(worst.some((u) => u >= 1)).toBe(true);
      expect(worst.some((u) => u < 0.8)).toBe(true);
    }
  });

  it("holds short positions in the long/short books", () => {
    expect(data.positions.some((p) => Number(p.quantity) < 0)).toBe(true);
    expect(data.positions.every((p) => Number(p.quantity) !== 0)).toBe(true);
  });
});
