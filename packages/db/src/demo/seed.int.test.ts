import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../password.ts";
import { createTestDatabase, type TestDatabase } from "../testing/index.ts";
import { DEMO_PASSWORD, generateDemoData } from "./generate.ts";
import { seedDemoData } from "./seed.ts";

const TABLES = [
  "Tenant",
  "User",
  "Account",
  "Instrument",
  "PriceBar",
  "Position",
  "RiskProfile",
  "RiskLimit",
];

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** One hash per table over every row, in a stable order. */
async function tableChecksums(): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = await database.db.$queryRawUnsafe<{ sum: string }[]>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM "${table}" t`,
    );
    sums[table] = row?.sum ?? "";
  }
  return sums;
}

describe("seedDemoData", () => {
  it("inserts the whole demo dataset into an empty database", async () => {
    const data = generateDemoData();
    const inserted = await seedDemoData(database.db, data);
    expect(inserted).toEqual({
      tenants: data.tenants.length,
      users: data.users.length,
      accounts: data.accounts.length,
      instruments: data.instruments.length,
      priceBars: data.priceBars.length,
      positions: data.positions.length,
      profiles: data.profiles.length,
      limits: data.limits.length,
    });
    expect(await database.db.priceBar.count()).toBe(62 * 756);
  });

  it("changes nothing when run again", async () => {
    const before = await tableChecksums();
    const inserted = await seedDemoData(database.db);
    expect(Object.values(inserted).every((count) => count === 0)).toBe(true);
    expect(await tableChecksums()).toEqual(before);
  });

  it("keeps what users edited since the first seed", async () => {
    const limit = await database.db.riskLimit.findFirstOrThrow({ where: { type: "MAX_LEVERAGE" } });
    await database.db.riskLimit.update({
      where: { id: limit.id },
      data: { threshold: "7.5", version: 2 },
    });
    await seedDemoData(database.db);
    const after = await database.db.riskLimit.findUniqueOrThrow({ where: { id: limit.id } });
    expect(after.threshold.toString()).toBe("7.5");
    expect(after.version).toBe(2);
  });

  it("lets every demo user sign in with the demo password", async () => {
    const user = await database.db.user.findFirstOrThrow({
      where: { email: "maya@northwind.example.com" },
    });
    expect(await verifyPassword(DEMO_PASSWORD, user.passwordHash)).toBe(true);
  });
});
