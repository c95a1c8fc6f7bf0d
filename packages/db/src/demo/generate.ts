import { DEFAULT_CURRENCY } from "@repo/risk-engine";
import { v5 as uuidv5 } from "uuid";
import type { Prisma } from "../generated/prisma/client.ts";
import { BENCHMARK, INSTRUMENTS, type InstrumentSpec } from "./catalog.ts";
import { limitPlans } from "./limits.ts";
import { round, simulateCloses, tradingDays } from "./prices.ts";
import { type Random, seededRandom } from "./random.ts";
import { DEMO_TENANTS, TRADER_STYLES, type TraderStyle } from "./traders.ts";

export interface DemoOptions {
  seed: number;
  /** Last trading day of the price history (YYYY-MM-DD). */
  endDay: string;
  /** Trading days of history: three years by default. */
  dayCount: number;
}

export const DEFAULT_DEMO_OPTIONS: DemoOptions = {
  seed: 20_240_101,
  endDay: "2026-11-20",
  dayCount: 756,
};
export const DEMO_PASSWORD = "risk-demo-2026";

export interface DemoLogin {
  tenant: string;
  name: string;
  email: string;
  role: "ADMIN" | "TRADER";
}

export interface DemoData {
  logins: DemoLogin[];
  tenants: Prisma.TenantCreateManyInput[];
  users: Omit<Prisma.UserCreateManyInput, "passwordHash">[];
  accounts: Prisma.AccountCreateManyInput[];
  instruments: Prisma.InstrumentCreateManyInput[];
  priceBars: Prisma.PriceBarCreateManyInput[];
  positions: Prisma.PositionCreateManyInput[];
  profiles: Prisma.RiskProfileCreateManyInput[];
  limits: Prisma.RiskLimitCreateManyInput[];
}

// Ids are derived from names, so every run produces the same rows and a second seed finds them.
const NAMESPACE = "6f1c9a52-3d7e-4b8a-9c21-5e0f7d4a2b13";
const idFor = (...parts: string[]) => uuidv5(parts.join(":"), NAMESPACE);

/** The whole demo dataset, as plain rows; pure and deterministic for given options. */
export function generateDemoData(options: DemoOptions = DEFAULT_DEMO_OPTIONS): DemoData {
  const random = seededRandom(options.seed);
  const days = tradingDays(options.endDay, options.dayCount);
  const closes = simulateCloses(INSTRUMENTS, BENCHMARK, days.length, random);
  const lastPriceAt = new Date(`${options.endDay}T21:00:00Z`);
  const data: DemoData = {
    logins: [],
    tenants: [],
    users: [],
    accounts: [],
    instruments: [],
    priceBars: [],
    positions: [],
    profiles: [],
    limits: [],
  };

  DEMO_TENANTS.forEach((tenantSpec, tenantIndex) => {
    const tenantId = idFor("tenant", tenantSpec.slug);
    data.tenants.push({ id: tenantId, slug: tenantSpec.slug, name: tenantSpec.name });

    const instrumentIds = new Map<string, string>();
    for (const spec of [BENCHMARK, ...INSTRUMENTS]) {
      const series = closes.get(spec.symbol) ?? [];
      const instrumentId = idFor("instrument", tenantSpec.slug, spec.symbol);
      instrumentIds.set(spec.symbol, instrumentId);
      data.instruments.push({
        id: instrumentId,
        tenantId,
        symbol: spec.symbol,
        name: spec.name,
        sector: spec.sector,
        assetClass: spec.assetClass,
        lastPrice: money(series.at(-1) ?? spec.startPrice, 4),
        lastPriceAt,
      });
      series.forEach((close, day) => {
        data.priceBars.push({
          instrumentId,
          tenantId,
          day: new Date(`${days[day]}T00:00:00Z`),
          close: money(close, 4),
        });
      });
    }

    const admin = userRow(tenantId, tenantSpec.slug, "admin", tenantSpec.admin, "ADMIN");
    data.users.push(admin.row);
    data.logins.push({ tenant: tenantSpec.name, ...admin.login });

    tenantSpec.traders.forEach((traderName, traderIndex) => {
      const style = TRADER_STYLES[traderIndex % TRADER_STYLES.length] as TraderStyle;
      const handle = traderName.split(" ")[0]?.toLowerCase() ?? `trader${traderIndex}`;
      const trader = userRow(tenantId, tenantSpec.slug, handle, traderName, "TRADER");
      data.users.push(trader.row);
      data.logins.push({ tenant: tenantSpec.name, ...trader.login });
      // The second firm runs the same styles with larger books.
      const scale = 1 + tenantIndex * 0.5;
      const book = buildBook(
        { ...style, grossExposure: style.grossExposure * scale },
        random,
        closes,
        days,
      );
      addTraderRows(
        data,
        { tenantId, traderId: trader.row.id as string, email: trader.login.email },
        style,
        book,
        { instrumentIds, closes },
      );
    });
  });
  return data;
}

function userRow(
  tenantId: string,
  slug: string,
  handle: string,
  name: string,
  role: "ADMIN" | "TRADER",
) {
  const email = `${handle}@${slug}.example.com`;
  return {
    row: { id: idFor("user", email), tenantId, email, name, role },
    login: { name, email, role },
  };
}

interface Holding {
  spec: InstrumentSpec;
  quantity: number;
  averagePrice: number;
  openedOn: string;
  lastPrice: number;
}

interface Book {
  holdings: Holding[];
  cash: number;
  largest: Holding;
}

/** Positions whose weights follow the style, sized from the latest closes. */
function buildBook(
  style: TraderStyle,
  random: Random,
  closes: Map<string, number[]>,
  days: string[],
): Book {
  const picks = shuffle([...INSTRUMENTS], random).slice(0, style.holdings);
  const shortCount =
    style.longShare < 1 ? Math.max(1, Math.round((1 - style.longShare) * style.holdings)) : 0;
  const longCount = style.holdings - shortCount;
  const weights = [
    style.largestWeight,
    ...spread(longCount - 1, style.longShare - style.largestWeight, random),
    ...spread(shortCount, 1 - style.longShare, random).map((weight) => -weight),
  ];

  const holdings = picks.map((spec, index): Holding => {
    const series = closes.get(spec.symbol) ?? [];
    const lastPrice = series.at(-1) ?? spec.startPrice;
    const quantity = Math.round(((weights[index] ?? 0) * style.grossExposure) / lastPrice);
    const openedDay = Math.max(0, series.length - 1 - Math.floor(random.between(5, 120)));
    return {
      spec,
      quantity: quantity === 0 ? 1 : quantity,
      averagePrice: series[openedDay] ?? lastPrice,
      openedOn: days[openedDay] ?? days[0] ?? "",
      lastPrice,
    };
  });

  const notional = (h: Holding) => h.quantity * h.lastPrice;
  const gross = holdings.reduce((sum, h) => sum + Math.abs(notional(h)), 0);
  const net = holdings.reduce((sum, h) => sum + notional(h), 0);
  const nav = round(gross / style.leverage, 2);
  const largest = holdings.reduce((a, b) =>
    Math.abs(notional(b)) > Math.abs(notional(a)) ? b : a,
  );
  return { holdings, cash: round(nav - net, 2), largest };
}

function addTraderRows(
  data: DemoData,
  trader: { tenantId: string; traderId: string; email: string },
  style: TraderStyle,
  book: Book,
  market: { instrumentIds: Map<string, string>; closes: Map<string, number[]> },
) {
  const { tenantId, traderId, email } = trader;
  const { instrumentIds, closes } = market;
  data.accounts.push({
    id: idFor("account", email),
    tenantId,
    traderId,
    cash: money(book.cash, 2),
    baseCurrency: DEFAULT_CURRENCY,
  });
  for (const holding of book.holdings) {
    data.positions.push({
      id: idFor("position", email, holding.spec.symbol),
      tenantId,
      traderId,
      instrumentId: instrumentIds.get(holding.spec.symbol) as string,
      quantity: String(holding.quantity),
      averagePrice: money(holding.averagePrice, 4),
      openedAt: new Date(`${holding.openedOn}T14:30:00Z`),
    });
  }
  data.profiles.push({
    id: idFor("profile", email),
    tenantId,
    traderId,
    riskTolerance: style.tolerance,
    varConfidence: String(style.varConfidence),
    lookbackDays: style.lookbackDays,
    maxDrawdownTolerance: String(style.maxDrawdownTolerance),
  });

  const seeded = {
    cash: book.cash,
    holdings: book.holdings.map((h) => ({
      symbol: h.spec.symbol,
      sector: h.spec.sector,
      quantity: h.quantity,
      lastPrice: h.lastPrice,
    })),
    largestSymbol: book.largest.spec.symbol,
  };
  for (const { type, threshold, decimals, severity, symbol } of limitPlans(style, seeded, closes)) {
    data.limits.push({
      id: idFor("limit", email, type),
      tenantId,
      traderId,
      type,
      threshold: money(threshold, decimals),
      severity,
      symbol,
    });
  }
}

/** `count` positive weights summing to `total`, each within ±30% of the mean. */
function spread(count: number, total: number, random: Random): number[] {
  if (count <= 0) return [];
  const raw = Array.from({ length: count }, () => random.between(0.7, 1.3));
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((value) => (value / sum) * total);
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** Decimal columns take strings, which keep the exact digits. */
function money(value: number, decimals: number): string {
  return round(value, decimals).toFixed(decimals);
}
