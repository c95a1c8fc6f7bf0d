import { seedDemoData } from "@repo/db/demo";
import { createTestDatabase, type TestDatabase } from "@repo/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "./tenant-db.ts";

let database: TestDatabase;
let northwind: string;
let harbor: string;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db);
  const tenants = await database.db.tenant.findMany({ orderBy: { slug: "asc" } });
  [harbor, northwind] = tenants.map((tenant) => tenant.id) as [string, string];
});
afterAll(() => database.drop());

describe("tenantDb", () => {
  it("reads only the tenant's rows, even when asked by the id of another tenant's row", async () => {
    const scoped = tenantDb(database.db, northwind);
    const users = await scoped.user.findMany({ select: { tenantId: true } });
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((user) => user.tenantId === northwind)).toBe(true);

    const harborLimit = await database.db.riskLimit.findFirstOrThrow({
      where: { tenantId: harbor },
    });
    expect(await scoped.riskLimit.findUnique({ where: { id: harborLimit.id } })).toBeNull();
    expect(await scoped.riskLimit.findFirst({ where: { id: harborLimit.id } })).toBeNull();
    expect(await scoped.riskLimit.count({ where: { id: harborLimit.id } })).toBe(0);
  });

  it("cannot change or delete another tenant's rows", async () => {
    const scoped = tenantDb(database.db, northwind);
    const harborLimit = await database.db.riskLimit.findFirstOrThrow({
      where: { tenantId: harbor },
    });
    const updated = await scoped.riskLimit.updateMany({
      where: { id: harborLimit.id },
      data: { threshold: 1 },
    });
    expect(updated.count).toBe(0);
    await expect(
      scoped.riskLimit.update({ where: { id: harborLimit.id }, data: { threshold: 1 } }),
    ).rejects.toThrow();
    expect((await scoped.riskAlert.deleteMany({ where: { tenantId: harbor } })).count).toBe(0);
    const after = await database.db.riskLimit.findUniqueOrThrow({ where: { id: harborLimit.id } });
    expect(after.threshold.toString()).toBe(harborLimit.threshold.toString());
  });

  it("writes new rows into the tenant, whatever tenantId the caller passed", async () => {
    const scoped = tenantDb(database.db, northwind);
    const harborTrader = await database.db.user.findFirstOrThrow({
      where: { tenantId: harbor, role: "TRADER" },
    });
    // A northwind-scoped create naming a harbor trader becomes a northwind row, which the
    // composite (tenantId, traderId) foreign key then refuses: the harbor trader is not there.
    await expect(
      scoped.riskLimit.create({
        data: {
          id: crypto.randomUUID(),
          tenantId: harbor,
          traderId: harborTrader.id,
          type: "MAX_LEVERAGE",
          threshold: 2,
          severity: "HARD",
        },
      }),
    ).rejects.toThrow();
    expect(
      await database.db.riskLimit.count({
        where: { traderId: harborTrader.id, type: "MAX_LEVERAGE", threshold: 2 },
      }),
    ).toBe(0);
  });

  it("is built once per tenant and reused, each scoped to its own tenant", async () => {
    expect(tenantDb(database.db, northwind)).toBe(tenantDb(database.db, northwind));
    expect(tenantDb(database.db, harbor)).not.toBe(tenantDb(database.db, northwind));
    const [harborUser] = await tenantDb(database.db, harbor).user.findMany({ take: 1 });
    expect(harborUser?.tenantId).toBe(harbor);
  });

  it("sees its own tenant only and cannot change it", async () => {
    const scoped = tenantDb(database.db, northwind);
    expect((await scoped.tenant.findMany()).map((tenant) => tenant.id)).toEqual([northwind]);
    await expect(
      scoped.tenant.update({ where: { id: northwind }, data: { name: "x" } }),
    ).rejects.toThrow(/read-only/);
  });
});
