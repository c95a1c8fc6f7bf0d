import "server-only";
import type { Viewer } from "@repo/api";
import { getApiDeps } from "./api-deps.ts";

/**
 * The name of a trader of the viewer's tenant, for a page heading (the API's trader list holds
 * active traders only, and an admin may still open an inactive trader's book). Call it only with
 * an id the API has already accepted: a malformed id is not a uuid PostgreSQL would take.
 */
export async function traderName(viewer: Viewer, traderId: string): Promise<string | null> {
  const { db } = await getApiDeps();
  const trader = await db.user.findFirst({
    where: { id: traderId, tenantId: viewer.tenantId, role: "TRADER" },
    select: { name: true },
  });
  return trader?.name ?? null;
}
