import type { TenantDb } from "../../data/tenant-db.ts";
import type { ReadDeps } from "../../deps.ts";
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
  deps: ReadDeps,
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
  const subject = { tenantId: viewer.tenantId, userId: traderId };
  const read = await deps.cache.getOrCompute("subject", subject, () =>
    findTrader(deps.db, subject),
  );
  return read.value;
}

/**
 * The trader `subject` names in the viewer's tenant, or NOT_FOUND (nothing is cached then). Being
 * a trader of a tenant never changes — a role is never changed, a person never moved or removed
 * — so the cached answer (ids only: the shared cache holds no personal data) is dropped only with
 * the rest of the person's entries, by deactivating or reactivating them (services/people).
 */
async function findTrader(db: TenantDb, subject: Subject): Promise<Subject> {
  const trader = await db.user.findFirst({
    where: { id: subject.userId, role: "TRADER" },
    select: { id: true },
  });
  if (!trader) throw notFound("The trader");
  return { tenantId: subject.tenantId, userId: trader.id };
}
