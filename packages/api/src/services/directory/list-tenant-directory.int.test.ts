import { generateDemoData, seedDemoData } from "@repo/db/demo";
import { createTestDatabase, type TestDatabase } from "@repo/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listTenantDirectory } from "./list-tenant-directory.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db);
});
afterAll(() => database.drop());

describe("listTenantDirectory", () => {
  it("lists each firm's admin first, then its traders, with their open positions and limits", async () => {
    const directory = await listTenantDirectory(database.db);
    expect(directory.map((t) => t.name)).toEqual(["Harbor Street Trading", "Northwind Capital"]);
    const northwind = directory[1];
    expect(northwind?.users.map((u) => u.role)).toEqual([
      "ADMIN",
      "TRADER",
      "TRADER",
      "TRADER",
      "TRADER",
      "TRADER",
    ]);

    const demo = generateDemoData();
    const maya = northwind?.users.find((u) => u.email === "maya@northwind.example.com");
    const mayaId = demo.users.find((u) => u.email === "maya@northwind.example.com")?.id;
    expect(maya?.openPositions).toBe(demo.positions.filter((p) => p.traderId === mayaId).length);
    expect(maya?.activeLimits).toBe(8);
  });

  it("leaves out closed positions, inactive limits and deactivated users", async () => {
    const trader = await database.db.user.findFirstOrThrow({
      where: { email: "jonas@northwind.example.com" },
    });
    const position = await database.db.position.findFirstOrThrow({
      where: { traderId: trader.id },
    });
    await database.db.position.update({
      where: { id: position.id },
      data: { closedAt: new Date() },
    });
    const limit = await database.db.riskLimit.findFirstOrThrow({ where: { traderId: trader.id } });
    await database.db.riskLimit.update({ where: { id: limit.id }, data: { active: false } });
    const before = (await listTenantDirectory(database.db))
      .flatMap((t) => t.users)
      .find((u) => u.id === trader.id);
    const openCount = await database.db.position.count({
      where: { traderId: trader.id, closedAt: null },
    });
    expect(before?.openPositions).toBe(openCount);
    expect(before?.activeLimits).toBe(7);

    await database.db.user.update({ where: { id: trader.id }, data: { active: false } });
    const after = (await listTenantDirectory(database.db)).flatMap((t) => t.users);
    expect(after.some((u) => u.id === trader.id)).toBe(false);
  });
});
