import type { TenantDb } from "../../data/tenant-db.ts";
import type { Subject } from "../auth/resolve-subject.ts";

/** Every active trader of the tenant, as cache subjects (ids only). */
export async function activeTraders(db: TenantDb, tenantId: string): Promise<Subject[]> {
  const rows = await db.user.findMany({
    where: { role: "TRADER", active: true },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  return rows.map((row) => ({ tenantId, userId: row.id }));
}
