import type { PriceSource } from "@repo/db";
import type { TenantDb } from "../../data/tenant-db.ts";
import type { WriteDeps } from "../../deps.ts";
import { recordAudit } from "../audit/record-audit.ts";

/** The embedded default: every firm starts on it (Tenant.priceSource's default). */
export const SIMULATED_SOURCE: PriceSource = "SIMULATED";

/**
 * Where the firm's intraday last prices come from. Read from PostgreSQL each time (one row by
 * its key): the feed and the token API must both see a switch at once, on every instance.
 */
export async function readPriceSource(db: TenantDb): Promise<PriceSource> {
  const tenant = await db.tenant.findFirst({ select: { priceSource: true } });
  return tenant?.priceSource ?? SIMULATED_SOURCE;
}

/**
 * Switches the firm's price source, audited. Nothing cached depends on it: the simulated feed
 * and POST /api/v1/prices read it on every tick and request, and the prices already set stay
 * until the new source moves them. Tenants are read-only through TenantDb, so the row is
 * updated in SQL that binds the tenant itself.
 */
export async function setPriceSource(
  deps: WriteDeps,
  tenantId: string,
  priceSource: PriceSource,
): Promise<{ priceSource: PriceSource }> {
  const now = deps.clock();
  await deps.db.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ priceSource: PriceSource }[]>`
      SELECT "priceSource" FROM "Tenant" WHERE id = ${tenantId}::uuid FOR UPDATE`;
    if (!before || before.priceSource === priceSource) return;
    await tx.$executeRaw`
      UPDATE "Tenant" SET "priceSource" = ${priceSource}::"PriceSource"
      WHERE id = ${tenantId}::uuid`;
    await recordAudit(
      tx,
      {
        actorId: deps.actorId,
        subject: { tenantId, userId: null },
        entity: "PRICE_SOURCE",
        entityId: tenantId,
        action: "UPDATE",
        before: { priceSource: before.priceSource },
        after: { priceSource },
      },
      now,
    );
  });
  return { priceSource };
}
