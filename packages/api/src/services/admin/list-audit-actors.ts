import type { TenantDb } from "../../data/tenant-db.ts";

/**
 * Everyone of the tenant who has made an audited change, by name: the people the audit log can
 * be filtered by. People since deactivated stay, since their changes do.
 */
export async function listAuditActors(db: TenantDb): Promise<{ id: string; name: string }[]> {
  return db.user.findMany({
    where: { auditsAsActor: { some: {} } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true },
  });
}
