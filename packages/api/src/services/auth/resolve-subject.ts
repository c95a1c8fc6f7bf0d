import type { TenantDb } from "../../data/tenant-db.ts";
import { AppError, notFound } from "../../errors.ts";
import type { Viewer } from "./sessions.ts";

/** The trader a request is about, in the cache's terms (tenant and user). */
export interface Subject {
  tenantId: string;
  userId: string;
}

/**
 * Whose book a request may touch. A trader: only their own, and asking for anyone else is
 * FORBIDDEN whether that person exists or not. An admin: any trader of their tenant; an id of
 * another tenant gets the same NOT_FOUND as an id that does not exist, so nothing is revealed.
 */
export async function resolveSubject(
  db: TenantDb,
  viewer: Viewer,
  traderId: string | undefined,
): Promise<Subject> {
  if (viewer.role === "TRADER") {
    if (traderId !== undefined && traderId !== viewer.userId) {
      throw new AppError("FORBIDDEN", "You can only see and change your own book.");
    }
    return { tenantId: viewer.tenantId, userId: viewer.userId };
  }
  if (traderId === undefined) {
    throw new AppError("BAD_REQUEST", "Choose a trader.", { traderId: ["Choose a trader."] });
  }
  const trader = await db.user.findFirst({
    where: { id: traderId, role: "TRADER" },
    select: { id: true },
  });
  if (!trader) throw notFound("The trader");
  return { tenantId: viewer.tenantId, userId: trader.id };
}
