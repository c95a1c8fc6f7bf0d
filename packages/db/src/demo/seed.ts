import type { Db, DbTx } from "../client.ts";
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
async function insertPriceBars(db: DbTx, bars: DemoData["priceBars"]): Promise<number> {
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

/** The marker's name: one database, one demo load. */
const DEMO_MARKER = "demo";

/**
 * Loads the demo data into a database that has never had it, in one transaction with the marker
 * that says so: a later call inserts nothing and returns null, so a demo row a user deleted or
 * changed stays as the user left it. Two instances starting together load it once (the second
 * waits on the marker's row, then finds it). Returns the rows inserted.
 */
export async function seedDemoData(
  db: Db,
  data: DemoData = generateDemoData(DEFAULT_DEMO_OPTIONS),
): Promise<SeedCounts | null> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.$transaction(
    async (tx) => {
      const marked = await tx.seedMarker.createMany({
        data: [{ name: DEMO_MARKER }],
        skipDuplicates: true,
      });
      if (marked.count === 0) return null;
      return insertDemoRows(tx, data, passwordHash);
    },
    { timeout: SEED_TIMEOUT_MS, maxWait: SEED_TIMEOUT_MS },
  );
}

/** Loading ~47k price bars into the embedded database on a busy machine takes seconds, not ms. */
const SEED_TIMEOUT_MS = 300_000;

async function insertDemoRows(tx: DbTx, data: DemoData, passwordHash: string): Promise<SeedCounts> {
  const users = data.users.map((user) => ({ ...user, passwordHash }));
  const counts = {} as SeedCounts;
  counts.tenants = (await tx.tenant.createMany({ data: data.tenants, skipDuplicates: true })).count;
  counts.users = (await tx.user.createMany({ data: users, skipDuplicates: true })).count;
  counts.accounts = (
    await tx.account.createMany({ data: data.accounts, skipDuplicates: true })
  ).count;
  counts.instruments = (
    await tx.instrument.createMany({ data: data.instruments, skipDuplicates: true })
  ).count;
  counts.priceBars = await insertPriceBars(tx, data.priceBars);
  counts.positions = (
    await tx.position.createMany({ data: data.positions, skipDuplicates: true })
  ).count;
  counts.profiles = (
    await tx.riskProfile.createMany({ data: data.profiles, skipDuplicates: true })
  ).count;
  counts.limits = (
    await tx.riskLimit.createMany({ data: data.limits, skipDuplicates: true })
  ).count;
  return counts;
}

/**
 * A fresh demo, on purpose: deletes the demo firms with everything of theirs (another firm's rows
 * are left alone) and the marker, then loads the demo data again, all in one transaction.
 */
export async function reseedDemoData(
  db: Db,
  data: DemoData = generateDemoData(DEFAULT_DEMO_OPTIONS),
): Promise<SeedCounts> {
  const tenantId = { in: data.tenants.map((tenant) => tenant.id) };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.$transaction(
    async (tx) => {
      // The rows that point at a person or an instrument without a cascade go first.
      await tx.auditEvent.deleteMany({ where: { tenantId } });
      await tx.riskAlert.deleteMany({ where: { tenantId } });
      await tx.stressScenario.deleteMany({ where: { tenantId } });
      await tx.position.deleteMany({ where: { tenantId } });
      await tx.tenant.deleteMany({ where: { id: tenantId } });
      await tx.seedMarker.deleteMany({ where: { name: DEMO_MARKER } });
      await tx.seedMarker.create({ data: { name: DEMO_MARKER } });
      return insertDemoRows(tx, data, passwordHash);
    },
    { timeout: SEED_TIMEOUT_MS, maxWait: SEED_TIMEOUT_MS },
  );
}
