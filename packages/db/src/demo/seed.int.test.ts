import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../password.ts";
import { createTestDatabase, type TestDatabase } from "../testing/index.ts";
import { DEMO_PASSWORD, generateDemoData } from "./generate.ts";
import { reseedDemoData, seedDemoData } from "./seed.ts";

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
    expect(await seedDemoData(database.db)).toBeNull();
    expect(await tableChecksums()).toEqual(before);
  });

  it("never brings back a demo row a user deleted", async () => {
    const limit = await database.db.riskLimit.findFirstOrThrow({ where: { type: "MAX_VAR" } });
    await database.db.riskLimit.delete({ where: { id: limit.id } });
    expect(await seedDemoData(database.db)).toBeNull();
    expect(await database.db.riskLimit.findUnique({ where: { id: limit.id } })).toBeNull();
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

  it("loads once when two instances seed at the same moment", async () => {
    const fresh = await createTestDatabase();
    try {
      const [first, second] = await Promise.all([seedDemoData(fresh.db), seedDemoData(fresh.db)]);
      expect([first, second].filter((counts) => counts === null)).toHaveLength(1);
      expect(await fresh.db.priceBar.count()).toBe(62 * 756);
    } finally {
      await fresh.drop();
    }
  });

  it("--reset brings the demo firms back whole and leaves other firms alone", async () => {
    const other = await database.db.tenant.create({
      data: { id: crypto.randomUUID(), slug: "not-demo", name: "Not the demo" },
    });
    const [edited, deleted] = await database.db.riskLimit.findMany({
      take: 2,
      orderBy: { id: "asc" },
    });
    if (!edited || !deleted) throw new Error("the demo data has limits");
    await database.db.riskLimit.update({ where: { id: edited.id }, data: { version: 5 } });
    await database.db.riskLimit.delete({ where: { id: deleted.id } });

    const counts = await reseedDemoData(database.db);
    expect(counts.limits).toBe(generateDemoData().limits.length);
    const restored = await database.db.riskLimit.findUniqueOrThrow({ where: { id: edited.id } });
    expect(restored.version).toBe(1);
    expect(await database.db.riskLimit.findUnique({ where: { id: deleted.id } })).not.toBeNull();
    expect(await database.db.tenant.findUnique({ where: { id: other.id } })).not.toBeNull();
    expect(await seedDemoData(database.db)).toBeNull();
  });

  it("lets every demo user sign in with the demo password", async () => {
    const user = await database.db.user.findFirstOrThrow({
      where: { email: "maya@northwind.example.com" },
    });
    expect(await verifyPassword(DEMO_PASSWORD, user.passwordHash)).toBe(true);
  });
});
