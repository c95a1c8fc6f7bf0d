import type { Db } from "../client.ts";
import { hashPassword } from "../password.ts";
import {
  DEFAULT_DEMO_OPTIONS,
  DEMO_PASSWORD,
  type DemoData,
  generateDemoData,
} from "./generate.ts";

export type SeedCounts = Record<
  | "tenants"
  | "users"
  | "accounts"
  | "instruments"
  | "priceBars"
  | "positions"
  | "profiles"
  | "limits",
  number
>;

const PRICE_BAR_BATCH = 10_000;

/**
 * Price bars are most of the demo data (~47k rows): one INSERT … SELECT FROM unnest(arrays) per
 * batch keeps a re-seed that inserts nothing to a few round trips instead of rows × columns
 * bound parameters.
 */
async function insertPriceBars(db: Db, bars: DemoData["priceBars"]): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < bars.length; start += PRICE_BAR_BATCH) {
    const batch = bars.slice(start, start + PRICE_BAR_BATCH);
    inserted += await db.$executeRaw`
      INSERT INTO "PriceBar" ("instrumentId", "day", "tenantId", "close")
      SELECT * FROM unnest(
        ${batch.map((bar) => bar.instrumentId)}::uuid[],
        ${batch.map((bar) => toDay(bar.day))}::date[],
        ${batch.map((bar) => bar.tenantId)}::uuid[],
        ${batch.map((bar) => String(bar.close))}::numeric[])
      ON CONFLICT DO NOTHING`;
  }
  return inserted;
}

function toDay(day: Date | string): string {
  return (typeof day === "string" ? new Date(day) : day).toISOString().slice(0, 10);
}

/**
 * Inserts the demo rows that are missing and leaves every existing row as it is, so seeding twice
 * changes nothing and never overwrites what users have edited since. Returns rows inserted.
 */
export async function seedDemoData(
  db: Db,
  data: DemoData = generateDemoData(DEFAULT_DEMO_OPTIONS),
): Promise<SeedCounts> {
  const existingEmails = new Set(
    (await db.user.findMany({ select: { email: true } })).map((user) => user.email),
  );
  const newUsers = await Promise.all(
    data.users
      .filter((user) => !existingEmails.has(user.email))
      .map(async (user) => ({ ...user, passwordHash: await hashPassword(DEMO_PASSWORD) })),
  );

  const counts = {} as SeedCounts;
  counts.tenants = (await db.tenant.createMany({ data: data.tenants, skipDuplicates: true })).count;
  counts.users = (await db.user.createMany({ data: newUsers, skipDuplicates: true })).count;
  counts.accounts = (
    await db.account.createMany({ data: data.accounts, skipDuplicates: true })
  ).count;
  counts.instruments = (
    await db.instrument.createMany({ data: data.instruments, skipDuplicates: true })
  ).count;
  counts.priceBars = await insertPriceBars(db, data.priceBars);
  counts.positions = (
    await db.position.createMany({ data: data.positions, skipDuplicates: true })
  ).count;
  counts.profiles = (
    await db.riskProfile.createMany({ data: data.profiles, skipDuplicates: true })
  ).count;
  counts.limits = (
    await db.riskLimit.createMany({ data: data.limits, skipDuplicates: true })
  ).count;
  return counts;
}
