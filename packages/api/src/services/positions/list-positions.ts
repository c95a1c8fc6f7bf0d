import type { TenantDb } from "../../data/tenant-db.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { POSITION_SELECT, type PositionView, toPositionView } from "./position-view.ts";

/** The open positions of one book, oldest first (the order they were put on). */
export async function listPositions(db: TenantDb, subject: Subject): Promise<PositionView[]> {
  const rows = await db.position.findMany({
    where: { traderId: subject.userId, closedAt: null },
    orderBy: [{ openedAt: "asc" }, { id: "asc" }],
    select: POSITION_SELECT,
  });
  return rows.map(toPositionView);
}
