import type { CacheRead } from "@repo/risk-cache";
import type { ReadDeps } from "../../deps.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { readBook } from "../cache/read-book.ts";
import { LIMIT_SELECT, type LimitView, toLimitView } from "./limit-view.ts";

/**
 * Every limit of the trader, active or not (an admin re-activates from this list), cache-aside
 * under kind "limits". Ordered by type (the enum's order), then symbol, then age, so the rows of
 * a form never move between polls.
 */
export async function listLimits(
  deps: ReadDeps,
  subject: Subject,
): Promise<CacheRead<LimitView[]>> {
  return readBook(deps, "limits", subject, async () => {
    const rows = await deps.db.riskLimit.findMany({
      where: { traderId: subject.userId },
      orderBy: [{ type: "asc" }, { symbol: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: LIMIT_SELECT,
    });
    return rows.map(toLimitView);
  });
}
